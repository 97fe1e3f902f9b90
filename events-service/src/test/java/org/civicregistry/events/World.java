package org.civicregistry.events;

/**
 * The records of other services the tests reference, from the seed documents: Gyeonggi Province and
 * Gwangju with its city hall, Governor Kim Dong-yeon and Mayor Kang Ki-jung with their posts, the
 * May Mothers' Association, and the Gyeonggi–Gwangju mutual development agreement of 12 October 2023.
 * Published once per test run on the upstream topics; tests that count or filter make their own.
 */
final class World {

    private static World instance;

    final String gyeonggi;
    final String gwangju;
    final String gwangjuCityHall;
    final String mayMothers;
    final String kimDongYeon;
    final String kangKiJung;
    final String governor;
    final String mayor;
    final String agreement;

    private World() {
        gyeonggi = Upstream.organization("gyeonggi", "경기도", "Gyeonggi Province", "province", null);
        gwangju = Upstream.organization("gwangju", "광주광역시", "Gwangju Metropolitan City", "metropolitan_city", null);
        gwangjuCityHall = Upstream.organization("gwangju-city-hall", "광주광역시청", "Gwangju City Hall", "executive", gwangju);
        mayMothers = Upstream.organization("may-mothers-association", "오월어머니회", "May Mothers' Association", "civic_group", null);
        kimDongYeon = Upstream.person("kim-dong-yeon", "김동연", "Kim Dong-yeon");
        kangKiJung = Upstream.person("kang-ki-jung", "강기정", "Kang Ki-jung");
        governor = Upstream.post("gyeonggi-governor", "경기도지사", "Governor of Gyeonggi Province", "governor", gyeonggi);
        mayor = Upstream.post("gwangju-mayor", "광주광역시장", "Mayor of Gwangju", "mayor", gwangju);
        agreement = Upstream.agreement("gyeonggi-gwangju-mutual-development-2023", "경기도·광주광역시 상생발전 합의문",
                "Gyeonggi–Gwangju mutual development agreement", "2023-10-12", gyeonggi, gwangju);
    }

    static synchronized World get() {
        if (instance == null) {
            instance = new World();
        }
        return instance;
    }
}
