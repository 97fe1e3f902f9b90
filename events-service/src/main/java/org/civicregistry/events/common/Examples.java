package org.civicregistry.events.common;

/**
 * Examples of the OpenAPI document. An event references records of other services (its organizer,
 * its participants, an agreement), which this service knows from their change streams: the ids in
 * these examples stand for such records and must be replaced by real ones before "Try it out".
 */
public final class Examples {

    public static final String REFERENCES_NOTE = "The ids are placeholders: organizerId, participants[].personId, "
            + "participants[].postId and agreementId must name records this service has learned from civic.officials.v1 "
            + "and civic.agreements.v1, or the request is a 422 unknown-reference that names the field.";

    /**
     * The special lecture at Chosun University, 17:00 on the day of the Gyeonggi–Gwangju agreement. The
     * articles give its start, not its end, and no address: the example carries no more than they say.
     */
    public static final String EVENT = """
            {
              "slug": "kim-dong-yeon-chosun-university-lecture-2023-05-12",
              "title": {"ko": "김동연 지사 조선대학교 특강 '대한민국 금기깨기'", "en": "Governor Kim Dong-yeon's special lecture at Chosun University"},
              "type": "special_lecture",
              "status": "completed",
              "startsAt": "2023-05-12T17:00:00+09:00",
              "timeZone": "Asia/Seoul",
              "location": {"name": {"ko": "조선대학교", "en": "Chosun University"}},
              "organizerId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b",
              "participants": [
                {"personId": "0193a3c4-6000-7f80-9a1b-2c3d4e5f6a7b", "role": "speaker", "postId": "0193a3c4-7000-7f80-9a1b-2c3d4e5f6a7b"}
              ],
              "agreementId": "0193a3c4-8000-7f80-9a1b-2c3d4e5f6a7b",
              "sources": [{"title": "강기정 시장과 상생협약 체결", "publisher": "경인일보 (Kyeongin Ilbo)", "publishedOn": "2023-05-12", "language": "ko"}]
            }""";

    /** The groundbreaking of the Gwangju Global Motors plant, a whole-day entry of 26 December 2019. */
    public static final String ALL_DAY_EVENT = """
            {
              "title": {"ko": "광주글로벌모터스 공장 기공식", "en": "Groundbreaking of the Gwangju Global Motors plant"},
              "type": "groundbreaking",
              "status": "completed",
              "startsAt": "2019-12-26T00:00:00+09:00",
              "allDay": true,
              "location": {"name": {"ko": "빛그린 국가산업단지", "en": "Bitgreen National Industrial Complex"},
                           "address": {"ko": "광주광역시 광산구", "en": "Gwangsan-gu, Gwangju"}},
              "organizerId": "0193a3c4-5b6e-7f80-9a1b-2c3d4e5f6a7b"
            }""";

    public static final String CANCEL = "{\"to\": \"cancelled\"}";

    public static final String RESCHEDULE = "{\"to\": \"rescheduled\", \"startsAt\": \"2023-05-13T10:00:00+09:00\"}";

    public static final String INVALID_TRANSITION = """
            {
              "type": "https://civic-registry.org/problems/invalid-transition",
              "title": "Invalid state transition",
              "status": 409,
              "detail": "An event that is postponed cannot become confirmed; it may become [rescheduled, cancelled].",
              "instance": "/api/v1/events/0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b/transitions",
              "violations": [{"field": "status", "message": "cannot move from postponed to confirmed"}],
              "allowed": ["rescheduled", "cancelled"]
            }""";

    public static final String PRECONDITION_FAILED = """
            {
              "type": "https://civic-registry.org/problems/precondition-failed",
              "title": "Precondition failed",
              "status": 412,
              "detail": "The record has changed since you read it: its current ETag is \\"3\\". Read it again and re-apply your change.",
              "instance": "/api/v1/events/0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b/transitions"
            }""";

    public static final String PRECONDITION_REQUIRED = """
            {
              "type": "https://civic-registry.org/problems/precondition-required",
              "title": "Precondition required",
              "status": 428,
              "detail": "Send If-Match with the ETag of the version you read (current version: \\"3\\").",
              "instance": "/api/v1/events/0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b/transitions"
            }""";

    public static final String CALENDAR = """
            BEGIN:VCALENDAR
            PRODID:-//Civic Registry//events-service//EN
            VERSION:2.0
            CALSCALE:GREGORIAN
            NAME:Civic Registry — events
            X-WR-CALNAME:Civic Registry — events
            REFRESH-INTERVAL;VALUE=DURATION:PT1H
            X-PUBLISHED-TTL:PT1H
            BEGIN:VTIMEZONE
            TZID:Asia/Seoul
            ...
            END:VTIMEZONE
            BEGIN:VEVENT
            UID:0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b@civic-registry
            DTSTAMP:20230515T013000Z
            DTSTART;TZID=Asia/Seoul:20230512T170000
            SUMMARY;LANGUAGE=en:Governor Kim Dong-yeon's special lecture at Chosun Univ
             ersity
            SEQUENCE:0
            STATUS:CONFIRMED
            CREATED:20230515T013000Z
            LAST-MODIFIED:20230515T013000Z
            LOCATION:Chosun University
            DESCRIPTION:Organizer: Gyeonggi Province\\nParticipants: Kim Dong-yeon (spea
             ker)
            CLASS:PUBLIC
            CATEGORIES:special_lecture
            URL:https://civic-registry.org/api/v1/events/0193a3c4-9000-7f80-9a1b-2c3d4e5f6a7b
            END:VEVENT
            END:VCALENDAR
            """;

    private Examples() {
    }
}
