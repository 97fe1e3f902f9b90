package org.civicregistry.commons.snapshot;

/**
 * The licence of the register's data, as distinct from the code's: the Korea Open Government
 * Licence, Type 1 (attribution only), the licence the Korean public sector publishes open data
 * under, compatible with CC BY 4.0. docs/open-data.md says why.
 */
public final class DataLicence {

    public static final String NAME = "Korea Open Government Licence (KOGL) Type 1: Attribution";

    public static final String URL = "https://www.kogl.or.kr/info/licenseType1.do";

    /** The {@code Link} header every download carries (RFC 8288, rel {@code license} from RFC 4946). */
    public static final String LINK = "<" + URL + ">; rel=\"license\"";

    private DataLicence() {
    }
}
