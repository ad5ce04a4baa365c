package com.headlessanalytics.console.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason an input was refused: the batch index (null for a single input), the field path
 * (null for the whole item), a stable code and a message a person can act on.
 * Codes: required, invalid_type, invalid_value, invalid_unicode, unknown_field, too_large.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(Integer index, String field, String code, String message) {
    public static final String TOO_LARGE = "too_large";

    @JsonIgnore
    public boolean isTooLarge() {
        return TOO_LARGE.equals(code);
    }
}
