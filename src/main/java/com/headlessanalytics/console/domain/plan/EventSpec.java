package com.headlessanalytics.console.domain.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One planned event: its exact name, what it is for, the properties it must carry ({@code required},
 * names under {@code properties}) and what each known property must look like.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EventSpec(String name, String description, List<String> required, Map<String, PropertySpec> properties) {
}
