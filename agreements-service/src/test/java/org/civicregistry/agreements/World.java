package org.civicregistry.agreements;

import javax.sql.DataSource;

/**
 * The officials of docs/sources.md as agreements-service learns them from civic.officials.v1: the
 * provinces and cities of the agreements, the Governor of Gyeonggi and the Mayor of Gwangju, and who
 * held those posts (terms of local heads run from 1 July after the local elections of 2018 and 2022).
 * Slugs are unique per world, so tests that each make one do not see each other's agreements.
 */
final class World {

    final Officials officials;
    final String korea;
    final String gyeonggi;
    final String gyeonggiSlug;
    final String gwangju;
    final String gwangjuSlug;
    final String chungnam;
    final String jeonnam;
    final String jeonnamSlug;
    final String jeonbuk;
    final String jeonbukSlug;
    final String researchInstitute;
    final String governor;
    final String governorSlug;
    final String mayor;
    final String kimDongYeon;
    final String kimDongYeonSlug;
    final String kangKiJung;
    final String leeYongSup;
    /** An event of events-service this service has learned, for links to a signing or an announcement. */
    final String signingEvent;

    World(DataSource db) {
        officials = new Officials(db);
        korea = officials.organization(Api.unique("korea"), "대한민국", "Republic of Korea", "country", null);
        gyeonggiSlug = Api.unique("gyeonggi");
        gyeonggi = officials.organization(gyeonggiSlug, "경기도", "Gyeonggi Province", "province", korea);
        gwangjuSlug = Api.unique("gwangju");
        gwangju = officials.organization(gwangjuSlug, "광주광역시", "Gwangju Metropolitan City", "metropolitan_city", korea);
        chungnam = officials.organization(Api.unique("chungnam"), "충청남도", "Chungcheongnam-do", "province", korea);
        jeonnamSlug = Api.unique("jeonnam");
        jeonnam = officials.organization(jeonnamSlug, "전라남도", "Jeollanam-do", "province", korea);
        jeonbukSlug = Api.unique("jeonbuk");
        jeonbuk = officials.organization(jeonbukSlug, "전북특별자치도", "Jeonbuk State", "special_self_governing_province", korea);
        researchInstitute = officials.organization(Api.unique("gwangju-jeonnam-research-institute"), "광주전남연구원",
                "Gwangju-Jeonnam Research Institute", "research_institute", null);
        governorSlug = Api.unique("gyeonggi-governor");
        governor = officials.post(governorSlug, "경기도지사", "Governor of Gyeonggi", "governor", gyeonggi);
        mayor = officials.post(Api.unique("gwangju-mayor"), "광주광역시장", "Mayor of Gwangju", "mayor", gwangju);
        kimDongYeonSlug = Api.unique("kim-dong-yeon");
        kimDongYeon = officials.person(kimDongYeonSlug, "김동연", "Kim Dong-yeon");
        kangKiJung = officials.person(Api.unique("kang-ki-jung"), "강기정", "Kang Ki-jung");
        leeYongSup = officials.person(Api.unique("lee-yong-sup"), "이용섭", "Lee Yong-sup");
        officials.membership(kimDongYeon, governor, gyeonggi, "2022-07-01", null);
        officials.membership(kangKiJung, mayor, gwangju, "2022-07-01", null);
        officials.membership(leeYongSup, mayor, gwangju, "2018-07-01", "2022-06-30");
        officials.await();
        signingEvent = Events.known(db, Api.unique("gyeonggi-gwangju-signing"));
    }
}
