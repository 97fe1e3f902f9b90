package org.civicregistry.officials.organization;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Kinds of organization in Korean public life. */
public enum Classification {
    @JsonProperty("country")
    COUNTRY,
    /** 도: Gyeonggi, Jeonnam, ... */
    @JsonProperty("province")
    PROVINCE,
    /** 특별자치도: Jeju, Gangwon, Jeonbuk */
    @JsonProperty("special_self_governing_province")
    SPECIAL_SELF_GOVERNING_PROVINCE,
    /** 광역시: Gwangju, Busan, ... */
    @JsonProperty("metropolitan_city")
    METROPOLITAN_CITY,
    /** 특별시 / 특별자치시: Seoul, Sejong */
    @JsonProperty("special_city")
    SPECIAL_CITY,
    @JsonProperty("city")
    CITY,
    @JsonProperty("county")
    COUNTY,
    /** 자치구: Dong-gu, Gwangsan-gu, ... */
    @JsonProperty("district")
    DISTRICT,
    @JsonProperty("executive")
    EXECUTIVE,
    @JsonProperty("legislature")
    LEGISLATURE,
    @JsonProperty("government_agency")
    GOVERNMENT_AGENCY,
    @JsonProperty("committee")
    COMMITTEE,
    @JsonProperty("task_force")
    TASK_FORCE,
    @JsonProperty("party")
    PARTY,
    @JsonProperty("research_institute")
    RESEARCH_INSTITUTE,
    @JsonProperty("civic_group")
    CIVIC_GROUP,
    @JsonProperty("other")
    OTHER
}
