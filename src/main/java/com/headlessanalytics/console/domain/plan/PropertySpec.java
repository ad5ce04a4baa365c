package com.headlessanalytics.console.domain.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a plan expects of one property: its JSON {@code type} (string, number, integer, boolean,
 * object or array; null for any) and, when given, the only {@code allowed} values.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PropertySpec(String type, List<Object> allowed) {
}
