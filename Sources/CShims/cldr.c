// CLDR data inside ICU: code lists, display names and time-zone exemplar cities, for the
// generated glossary of country, language, script and city names.
#include "glossa_shims.h"

#include <string.h>
#include <unicode/ucal.h>
#include <unicode/udat.h>
#include <unicode/uenum.h>
#include <unicode/uloc.h>
#include <unicode/ulocdata.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

const char *const *glossa_iso_regions(void) { return uloc_getISOCountries(); }

int32_t glossa_available_locale_count(void) { return uloc_countAvailable(); }

const char *glossa_available_locale(int32_t index) { return uloc_getAvailable(index); }

int32_t glossa_script_code_limit(void) { return USCRIPT_CODE_LIMIT; }

const char *glossa_script_short_name(int32_t code) { return uscript_getShortName((UScriptCode)code); }

int32_t glossa_display_name(glossa_name_kind kind, const char *code, const char *display_locale,
                            uint16_t *out, int32_t capacity) {
    // Display names are asked of a locale id holding the code: `und_RU`, `und_Cyrl`, `ru`.
    char locale[ULOC_FULLNAME_CAPACITY];
    const char *prefix = kind == GLOSSA_NAME_LANGUAGE ? "" : "und_";
    if (strlen(prefix) + strlen(code) >= sizeof locale) return -1;
    strcpy(locale, prefix);
    strcat(locale, code);
    UErrorCode status = U_ZERO_ERROR;
    int32_t length;
    switch (kind) {
    case GLOSSA_NAME_LANGUAGE: length = uloc_getDisplayLanguage(locale, display_locale, out, capacity, &status); break;
    case GLOSSA_NAME_SCRIPT: length = uloc_getDisplayScript(locale, display_locale, out, capacity, &status); break;
    case GLOSSA_NAME_REGION: length = uloc_getDisplayCountry(locale, display_locale, out, capacity, &status); break;
    default: return -1;
    }
    // Without data ICU answers the code itself, with a warning: that is no name.
    if (U_FAILURE(status) || status == U_USING_DEFAULT_WARNING) return 0;
    return length;
}

glossa_zone_list *glossa_zones_open(const char *region) {
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *zones = ucal_openTimeZoneIDEnumeration(UCAL_ZONE_TYPE_CANONICAL_LOCATION, region, NULL, &status);
    return U_FAILURE(status) ? NULL : (glossa_zone_list *)zones;
}

const char *glossa_zones_next(glossa_zone_list *zones) {
    UErrorCode status = U_ZERO_ERROR;
    const char *zone = uenum_next((UEnumeration *)zones, NULL, &status);
    return U_FAILURE(status) ? NULL : zone;
}

void glossa_zones_close(glossa_zone_list *zones) { uenum_close((UEnumeration *)zones); }

int32_t glossa_exemplar_city(const char *zone, const char *display_locale, uint16_t *out, int32_t capacity) {
    UChar zone16[128], pattern[] = {'V', 'V', 'V', 0};
    if (strlen(zone) >= sizeof zone16 / sizeof zone16[0]) return -1;
    u_uastrcpy(zone16, zone);
    UErrorCode status = U_ZERO_ERROR;
    UDateFormat *format = udat_open(UDAT_PATTERN, UDAT_PATTERN, display_locale, zone16, -1, pattern, -1, &status);
    if (U_FAILURE(status)) return -1;
    int32_t length = udat_format(format, ucal_getNow(), out, capacity, NULL, &status);
    udat_close(format);
    return U_FAILURE(status) ? -1 : length;
}

int32_t glossa_cldr_version(char *out, int32_t capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UVersionInfo version;
    ulocdata_getCLDRVersion(version, &status);
    if (U_FAILURE(status) || capacity < U_MAX_VERSION_STRING_LENGTH) return -1;
    u_versionToString(version, out);
    return (int32_t)strlen(out);
}
