package io.stagegate.sandbox.salesforce;

/** Field types as describe names them, with the Java value each holds in the store and the SOAP type describe shows. */
enum FieldType {
    ID("id", "tns:ID", Kind.ID),
    REFERENCE("reference", "tns:ID", Kind.ID),
    STRING("string", "xsd:string", Kind.TEXT),
    TEXTAREA("textarea", "xsd:string", Kind.TEXT),
    PICKLIST("picklist", "xsd:string", Kind.TEXT),
    BOOLEAN("boolean", "xsd:boolean", Kind.BOOLEAN),
    DOUBLE("double", "xsd:double", Kind.NUMBER),
    CURRENCY("currency", "xsd:double", Kind.NUMBER),
    PERCENT("percent", "xsd:double", Kind.NUMBER),
    INT("int", "xsd:int", Kind.NUMBER),
    DATE("date", "xsd:date", Kind.DATE),
    DATETIME("datetime", "xsd:dateTime", Kind.DATETIME),
    /** A value of any type (field history's OldValue and NewValue): held as the tracked field's own Java value. */
    ANYTYPE("anyType", "xsd:anyType", Kind.TEXT);

    /**
     * How values compare: TEXT case-insensitively (String), ID by the 15-character id (String), NUMBER as BigDecimal
     * (Integer for INT), BOOLEAN as Boolean, DATE as LocalDate, DATETIME as an Instant of whole seconds.
     */
    enum Kind { ID, TEXT, BOOLEAN, NUMBER, DATE, DATETIME }

    private final String describeName;
    private final String soapType;
    private final Kind kind;

    FieldType(String describeName, String soapType, Kind kind) {
        this.describeName = describeName;
        this.soapType = soapType;
        this.kind = kind;
    }

    String describeName() {
        return describeName;
    }

    String soapType() {
        return soapType;
    }

    Kind kind() {
        return kind;
    }

    /** The type name in SOQL's filter errors ("must be of type double"). */
    String filterTypeName() {
        switch (this) {
            case DATETIME:
                return "dateTime";
            case INT:
                return "integer";
            case CURRENCY:
            case PERCENT:
                return "double";
            case ID:
            case REFERENCE:
                return "id";
            case TEXTAREA:
            case PICKLIST:
                return "string";
            default:
                return describeName;
        }
    }
}
