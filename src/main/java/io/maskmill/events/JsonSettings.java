package io.maskmill.events;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Map entries are written in key order. Payload maps are immutable copies whose iteration order
 * changes from one JVM to the next; sorted, the same event or marker is the same bytes on every
 * instance, which is what makes a redelivery rewrite identical objects.
 */
@Singleton
public class JsonSettings implements ObjectMapperCustomizer {
    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    }
}
