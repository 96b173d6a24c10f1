// To use this code, add the following Maven dependency to your project:
//
//
//     com.fasterxml.jackson.core     : jackson-databind          : 2.9.0
//     com.fasterxml.jackson.datatype : jackson-datatype-jsr310   : 2.9.0
//
// Import this package:
//
//     import dev.axp.models.Converter;
//
// Then you can deserialize a JSON string with
//
//     ACKRequest data = Converter.ACKRequestFromJsonString(jsonString);
//     AgentDelivery data = Converter.AgentDeliveryFromJsonString(jsonString);
//     AgentPollResponse data = Converter.AgentPollResponseFromJsonString(jsonString);
//     CancelRequest data = Converter.CancelRequestFromJsonString(jsonString);
//     CapabilitiesResponse data = Converter.CapabilitiesResponseFromJsonString(jsonString);
//     CapabilityRegistry data = Converter.CapabilityRegistryFromJsonString(jsonString);
//     ConformanceReport data = Converter.ConformanceReportFromJsonString(jsonString);
//     ControlsRequest data = Converter.ControlsRequestFromJsonString(jsonString);
//     ControlsResponse data = Converter.ControlsResponseFromJsonString(jsonString);
//     CreateIntentRequest data = Converter.CreateIntentRequestFromJsonString(jsonString);
//     CreateIntentResponse data = Converter.CreateIntentResponseFromJsonString(jsonString);
//     PushDelivery data = Converter.PushDeliveryFromJsonString(jsonString);
//     IntentEnvelope data = Converter.IntentEnvelopeFromJsonString(jsonString);
//     Error data = Converter.ErrorFromJsonString(jsonString);
//     ErrorRegistry data = Converter.ErrorRegistryFromJsonString(jsonString);
//     ErrorResponse data = Converter.ErrorResponseFromJsonString(jsonString);
//     IntentEvent data = Converter.IntentEventFromJsonString(jsonString);
//     GetIntentResponse data = Converter.GetIntentResponseFromJsonString(jsonString);
//     HealthResponse data = Converter.HealthResponseFromJsonString(jsonString);
//     HumanTask data = Converter.HumanTaskFromJsonString(jsonString);
//     Intent data = Converter.IntentFromJsonString(jsonString);
//     IntentUpdateResponse data = Converter.IntentUpdateResponseFromJsonString(jsonString);
//     JSONTextVectors data = Converter.JSONTextVectorsFromJsonString(jsonString);
//     LifecycleState data = Converter.LifecycleStateFromJsonString(jsonString);
//     LifecycleTable data = Converter.LifecycleTableFromJsonString(jsonString);
//     ListEventsResponse data = Converter.ListEventsResponseFromJsonString(jsonString);
//     ListIntentsResponse data = Converter.ListIntentsResponseFromJsonString(jsonString);
//     PushRegistrationRequest data = Converter.PushRegistrationRequestFromJsonString(jsonString);
//     PushRegistrationResponse data = Converter.PushRegistrationResponseFromJsonString(jsonString);
//     ResolveRequest data = Converter.ResolveRequestFromJsonString(jsonString);
//     ResumeRequest data = Converter.ResumeRequestFromJsonString(jsonString);
//     StreamTimeout data = Converter.StreamTimeoutFromJsonString(jsonString);
//     TaskResult data = Converter.TaskResultFromJsonString(jsonString);
//     VectorFile data = Converter.VectorFileFromJsonString(jsonString);

package dev.axp.models;

import java.io.IOException;
import com.fasterxml.jackson.databind.*;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.*;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

public class Converter {
    // Date-time helpers

    private static final DateTimeFormatter DATE_TIME_FORMATTER = new DateTimeFormatterBuilder()
            .appendOptional(DateTimeFormatter.ISO_DATE_TIME)
            .appendOptional(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .appendOptional(DateTimeFormatter.ISO_INSTANT)
            .appendOptional(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SX"))
            .appendOptional(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssX"))
            .appendOptional(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"))
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    public static OffsetDateTime parseDateTimeString(String str) {
        return ZonedDateTime.from(Converter.DATE_TIME_FORMATTER.parse(str)).toOffsetDateTime();
    }

    private static final DateTimeFormatter TIME_FORMATTER = new DateTimeFormatterBuilder()
            .appendOptional(DateTimeFormatter.ISO_TIME)
            .appendOptional(DateTimeFormatter.ISO_OFFSET_TIME)
            .parseDefaulting(ChronoField.YEAR, 2020)
            .parseDefaulting(ChronoField.MONTH_OF_YEAR, 1)
            .parseDefaulting(ChronoField.DAY_OF_MONTH, 1)
            .toFormatter()
            .withZone(ZoneOffset.UTC);

    public static OffsetTime parseTimeString(String str) {
        return ZonedDateTime.from(Converter.TIME_FORMATTER.parse(str)).toOffsetDateTime().toOffsetTime();
    }
    // Serialize/deserialize helpers

    public static ACKRequest ACKRequestFromJsonString(String json) throws IOException {
        return getACKRequestObjectReader().readValue(json);
    }

    public static String ACKRequestToJsonString(ACKRequest obj) throws IOException {
        return getACKRequestObjectWriter().writeValueAsString(obj);
    }

    public static AgentDelivery AgentDeliveryFromJsonString(String json) throws IOException {
        return getAgentDeliveryObjectReader().readValue(json);
    }

    public static String AgentDeliveryToJsonString(AgentDelivery obj) throws IOException {
        return getAgentDeliveryObjectWriter().writeValueAsString(obj);
    }

    public static AgentPollResponse AgentPollResponseFromJsonString(String json) throws IOException {
        return getAgentPollResponseObjectReader().readValue(json);
    }

    public static String AgentPollResponseToJsonString(AgentPollResponse obj) throws IOException {
        return getAgentPollResponseObjectWriter().writeValueAsString(obj);
    }

    public static CancelRequest CancelRequestFromJsonString(String json) throws IOException {
        return getCancelRequestObjectReader().readValue(json);
    }

    public static String CancelRequestToJsonString(CancelRequest obj) throws IOException {
        return getCancelRequestObjectWriter().writeValueAsString(obj);
    }

    public static CapabilitiesResponse CapabilitiesResponseFromJsonString(String json) throws IOException {
        return getCapabilitiesResponseObjectReader().readValue(json);
    }

    public static String CapabilitiesResponseToJsonString(CapabilitiesResponse obj) throws IOException {
        return getCapabilitiesResponseObjectWriter().writeValueAsString(obj);
    }

    public static CapabilityRegistry CapabilityRegistryFromJsonString(String json) throws IOException {
        return getCapabilityRegistryObjectReader().readValue(json);
    }

    public static String CapabilityRegistryToJsonString(CapabilityRegistry obj) throws IOException {
        return getCapabilityRegistryObjectWriter().writeValueAsString(obj);
    }

    public static ConformanceReport ConformanceReportFromJsonString(String json) throws IOException {
        return getConformanceReportObjectReader().readValue(json);
    }

    public static String ConformanceReportToJsonString(ConformanceReport obj) throws IOException {
        return getConformanceReportObjectWriter().writeValueAsString(obj);
    }

    public static ControlsRequest ControlsRequestFromJsonString(String json) throws IOException {
        return getControlsRequestObjectReader().readValue(json);
    }

    public static String ControlsRequestToJsonString(ControlsRequest obj) throws IOException {
        return getControlsRequestObjectWriter().writeValueAsString(obj);
    }

    public static ControlsResponse ControlsResponseFromJsonString(String json) throws IOException {
        return getControlsResponseObjectReader().readValue(json);
    }

    public static String ControlsResponseToJsonString(ControlsResponse obj) throws IOException {
        return getControlsResponseObjectWriter().writeValueAsString(obj);
    }

    public static CreateIntentRequest CreateIntentRequestFromJsonString(String json) throws IOException {
        return getCreateIntentRequestObjectReader().readValue(json);
    }

    public static String CreateIntentRequestToJsonString(CreateIntentRequest obj) throws IOException {
        return getCreateIntentRequestObjectWriter().writeValueAsString(obj);
    }

    public static CreateIntentResponse CreateIntentResponseFromJsonString(String json) throws IOException {
        return getCreateIntentResponseObjectReader().readValue(json);
    }

    public static String CreateIntentResponseToJsonString(CreateIntentResponse obj) throws IOException {
        return getCreateIntentResponseObjectWriter().writeValueAsString(obj);
    }

    public static PushDelivery PushDeliveryFromJsonString(String json) throws IOException {
        return getPushDeliveryObjectReader().readValue(json);
    }

    public static String PushDeliveryToJsonString(PushDelivery obj) throws IOException {
        return getPushDeliveryObjectWriter().writeValueAsString(obj);
    }

    public static IntentEnvelope IntentEnvelopeFromJsonString(String json) throws IOException {
        return getIntentEnvelopeObjectReader().readValue(json);
    }

    public static String IntentEnvelopeToJsonString(IntentEnvelope obj) throws IOException {
        return getIntentEnvelopeObjectWriter().writeValueAsString(obj);
    }

    public static Error ErrorFromJsonString(String json) throws IOException {
        return getErrorObjectReader().readValue(json);
    }

    public static String ErrorToJsonString(Error obj) throws IOException {
        return getErrorObjectWriter().writeValueAsString(obj);
    }

    public static ErrorRegistry ErrorRegistryFromJsonString(String json) throws IOException {
        return getErrorRegistryObjectReader().readValue(json);
    }

    public static String ErrorRegistryToJsonString(ErrorRegistry obj) throws IOException {
        return getErrorRegistryObjectWriter().writeValueAsString(obj);
    }

    public static ErrorResponse ErrorResponseFromJsonString(String json) throws IOException {
        return getErrorResponseObjectReader().readValue(json);
    }

    public static String ErrorResponseToJsonString(ErrorResponse obj) throws IOException {
        return getErrorResponseObjectWriter().writeValueAsString(obj);
    }

    public static IntentEvent IntentEventFromJsonString(String json) throws IOException {
        return getIntentEventObjectReader().readValue(json);
    }

    public static String IntentEventToJsonString(IntentEvent obj) throws IOException {
        return getIntentEventObjectWriter().writeValueAsString(obj);
    }

    public static GetIntentResponse GetIntentResponseFromJsonString(String json) throws IOException {
        return getGetIntentResponseObjectReader().readValue(json);
    }

    public static String GetIntentResponseToJsonString(GetIntentResponse obj) throws IOException {
        return getGetIntentResponseObjectWriter().writeValueAsString(obj);
    }

    public static HealthResponse HealthResponseFromJsonString(String json) throws IOException {
        return getHealthResponseObjectReader().readValue(json);
    }

    public static String HealthResponseToJsonString(HealthResponse obj) throws IOException {
        return getHealthResponseObjectWriter().writeValueAsString(obj);
    }

    public static HumanTask HumanTaskFromJsonString(String json) throws IOException {
        return getHumanTaskObjectReader().readValue(json);
    }

    public static String HumanTaskToJsonString(HumanTask obj) throws IOException {
        return getHumanTaskObjectWriter().writeValueAsString(obj);
    }

    public static Intent IntentFromJsonString(String json) throws IOException {
        return getIntentObjectReader().readValue(json);
    }

    public static String IntentToJsonString(Intent obj) throws IOException {
        return getIntentObjectWriter().writeValueAsString(obj);
    }

    public static IntentUpdateResponse IntentUpdateResponseFromJsonString(String json) throws IOException {
        return getIntentUpdateResponseObjectReader().readValue(json);
    }

    public static String IntentUpdateResponseToJsonString(IntentUpdateResponse obj) throws IOException {
        return getIntentUpdateResponseObjectWriter().writeValueAsString(obj);
    }

    public static JSONTextVectors JSONTextVectorsFromJsonString(String json) throws IOException {
        return getJSONTextVectorsObjectReader().readValue(json);
    }

    public static String JSONTextVectorsToJsonString(JSONTextVectors obj) throws IOException {
        return getJSONTextVectorsObjectWriter().writeValueAsString(obj);
    }

    public static LifecycleState LifecycleStateFromJsonString(String json) throws IOException {
        return getLifecycleStateObjectReader().readValue(json);
    }

    public static String LifecycleStateToJsonString(LifecycleState obj) throws IOException {
        return getLifecycleStateObjectWriter().writeValueAsString(obj);
    }

    public static LifecycleTable LifecycleTableFromJsonString(String json) throws IOException {
        return getLifecycleTableObjectReader().readValue(json);
    }

    public static String LifecycleTableToJsonString(LifecycleTable obj) throws IOException {
        return getLifecycleTableObjectWriter().writeValueAsString(obj);
    }

    public static ListEventsResponse ListEventsResponseFromJsonString(String json) throws IOException {
        return getListEventsResponseObjectReader().readValue(json);
    }

    public static String ListEventsResponseToJsonString(ListEventsResponse obj) throws IOException {
        return getListEventsResponseObjectWriter().writeValueAsString(obj);
    }

    public static ListIntentsResponse ListIntentsResponseFromJsonString(String json) throws IOException {
        return getListIntentsResponseObjectReader().readValue(json);
    }

    public static String ListIntentsResponseToJsonString(ListIntentsResponse obj) throws IOException {
        return getListIntentsResponseObjectWriter().writeValueAsString(obj);
    }

    public static PushRegistrationRequest PushRegistrationRequestFromJsonString(String json) throws IOException {
        return getPushRegistrationRequestObjectReader().readValue(json);
    }

    public static String PushRegistrationRequestToJsonString(PushRegistrationRequest obj) throws IOException {
        return getPushRegistrationRequestObjectWriter().writeValueAsString(obj);
    }

    public static PushRegistrationResponse PushRegistrationResponseFromJsonString(String json) throws IOException {
        return getPushRegistrationResponseObjectReader().readValue(json);
    }

    public static String PushRegistrationResponseToJsonString(PushRegistrationResponse obj) throws IOException {
        return getPushRegistrationResponseObjectWriter().writeValueAsString(obj);
    }

    public static ResolveRequest ResolveRequestFromJsonString(String json) throws IOException {
        return getResolveRequestObjectReader().readValue(json);
    }

    public static String ResolveRequestToJsonString(ResolveRequest obj) throws IOException {
        return getResolveRequestObjectWriter().writeValueAsString(obj);
    }

    public static ResumeRequest ResumeRequestFromJsonString(String json) throws IOException {
        return getResumeRequestObjectReader().readValue(json);
    }

    public static String ResumeRequestToJsonString(ResumeRequest obj) throws IOException {
        return getResumeRequestObjectWriter().writeValueAsString(obj);
    }

    public static StreamTimeout StreamTimeoutFromJsonString(String json) throws IOException {
        return getStreamTimeoutObjectReader().readValue(json);
    }

    public static String StreamTimeoutToJsonString(StreamTimeout obj) throws IOException {
        return getStreamTimeoutObjectWriter().writeValueAsString(obj);
    }

    public static TaskResult TaskResultFromJsonString(String json) throws IOException {
        return getTaskResultObjectReader().readValue(json);
    }

    public static String TaskResultToJsonString(TaskResult obj) throws IOException {
        return getTaskResultObjectWriter().writeValueAsString(obj);
    }

    public static VectorFile VectorFileFromJsonString(String json) throws IOException {
        return getVectorFileObjectReader().readValue(json);
    }

    public static String VectorFileToJsonString(VectorFile obj) throws IOException {
        return getVectorFileObjectWriter().writeValueAsString(obj);
    }

    private static ObjectReader ACKRequestReader;
    private static ObjectWriter ACKRequestWriter;

    private static void instantiateACKRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ACKRequestReader = mapper.readerFor(ACKRequest.class);
        ACKRequestWriter = mapper.writerFor(ACKRequest.class);
    }

    private static ObjectReader getACKRequestObjectReader() {
        if (ACKRequestReader == null) instantiateACKRequestMapper();
        return ACKRequestReader;
    }

    private static ObjectWriter getACKRequestObjectWriter() {
        if (ACKRequestWriter == null) instantiateACKRequestMapper();
        return ACKRequestWriter;
    }

    private static ObjectReader AgentDeliveryReader;
    private static ObjectWriter AgentDeliveryWriter;

    private static void instantiateAgentDeliveryMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        AgentDeliveryReader = mapper.readerFor(AgentDelivery.class);
        AgentDeliveryWriter = mapper.writerFor(AgentDelivery.class);
    }

    private static ObjectReader getAgentDeliveryObjectReader() {
        if (AgentDeliveryReader == null) instantiateAgentDeliveryMapper();
        return AgentDeliveryReader;
    }

    private static ObjectWriter getAgentDeliveryObjectWriter() {
        if (AgentDeliveryWriter == null) instantiateAgentDeliveryMapper();
        return AgentDeliveryWriter;
    }

    private static ObjectReader AgentPollResponseReader;
    private static ObjectWriter AgentPollResponseWriter;

    private static void instantiateAgentPollResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        AgentPollResponseReader = mapper.readerFor(AgentPollResponse.class);
        AgentPollResponseWriter = mapper.writerFor(AgentPollResponse.class);
    }

    private static ObjectReader getAgentPollResponseObjectReader() {
        if (AgentPollResponseReader == null) instantiateAgentPollResponseMapper();
        return AgentPollResponseReader;
    }

    private static ObjectWriter getAgentPollResponseObjectWriter() {
        if (AgentPollResponseWriter == null) instantiateAgentPollResponseMapper();
        return AgentPollResponseWriter;
    }

    private static ObjectReader CancelRequestReader;
    private static ObjectWriter CancelRequestWriter;

    private static void instantiateCancelRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        CancelRequestReader = mapper.readerFor(CancelRequest.class);
        CancelRequestWriter = mapper.writerFor(CancelRequest.class);
    }

    private static ObjectReader getCancelRequestObjectReader() {
        if (CancelRequestReader == null) instantiateCancelRequestMapper();
        return CancelRequestReader;
    }

    private static ObjectWriter getCancelRequestObjectWriter() {
        if (CancelRequestWriter == null) instantiateCancelRequestMapper();
        return CancelRequestWriter;
    }

    private static ObjectReader CapabilitiesResponseReader;
    private static ObjectWriter CapabilitiesResponseWriter;

    private static void instantiateCapabilitiesResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        CapabilitiesResponseReader = mapper.readerFor(CapabilitiesResponse.class);
        CapabilitiesResponseWriter = mapper.writerFor(CapabilitiesResponse.class);
    }

    private static ObjectReader getCapabilitiesResponseObjectReader() {
        if (CapabilitiesResponseReader == null) instantiateCapabilitiesResponseMapper();
        return CapabilitiesResponseReader;
    }

    private static ObjectWriter getCapabilitiesResponseObjectWriter() {
        if (CapabilitiesResponseWriter == null) instantiateCapabilitiesResponseMapper();
        return CapabilitiesResponseWriter;
    }

    private static ObjectReader CapabilityRegistryReader;
    private static ObjectWriter CapabilityRegistryWriter;

    private static void instantiateCapabilityRegistryMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        CapabilityRegistryReader = mapper.readerFor(CapabilityRegistry.class);
        CapabilityRegistryWriter = mapper.writerFor(CapabilityRegistry.class);
    }

    private static ObjectReader getCapabilityRegistryObjectReader() {
        if (CapabilityRegistryReader == null) instantiateCapabilityRegistryMapper();
        return CapabilityRegistryReader;
    }

    private static ObjectWriter getCapabilityRegistryObjectWriter() {
        if (CapabilityRegistryWriter == null) instantiateCapabilityRegistryMapper();
        return CapabilityRegistryWriter;
    }

    private static ObjectReader ConformanceReportReader;
    private static ObjectWriter ConformanceReportWriter;

    private static void instantiateConformanceReportMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ConformanceReportReader = mapper.readerFor(ConformanceReport.class);
        ConformanceReportWriter = mapper.writerFor(ConformanceReport.class);
    }

    private static ObjectReader getConformanceReportObjectReader() {
        if (ConformanceReportReader == null) instantiateConformanceReportMapper();
        return ConformanceReportReader;
    }

    private static ObjectWriter getConformanceReportObjectWriter() {
        if (ConformanceReportWriter == null) instantiateConformanceReportMapper();
        return ConformanceReportWriter;
    }

    private static ObjectReader ControlsRequestReader;
    private static ObjectWriter ControlsRequestWriter;

    private static void instantiateControlsRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ControlsRequestReader = mapper.readerFor(ControlsRequest.class);
        ControlsRequestWriter = mapper.writerFor(ControlsRequest.class);
    }

    private static ObjectReader getControlsRequestObjectReader() {
        if (ControlsRequestReader == null) instantiateControlsRequestMapper();
        return ControlsRequestReader;
    }

    private static ObjectWriter getControlsRequestObjectWriter() {
        if (ControlsRequestWriter == null) instantiateControlsRequestMapper();
        return ControlsRequestWriter;
    }

    private static ObjectReader ControlsResponseReader;
    private static ObjectWriter ControlsResponseWriter;

    private static void instantiateControlsResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ControlsResponseReader = mapper.readerFor(ControlsResponse.class);
        ControlsResponseWriter = mapper.writerFor(ControlsResponse.class);
    }

    private static ObjectReader getControlsResponseObjectReader() {
        if (ControlsResponseReader == null) instantiateControlsResponseMapper();
        return ControlsResponseReader;
    }

    private static ObjectWriter getControlsResponseObjectWriter() {
        if (ControlsResponseWriter == null) instantiateControlsResponseMapper();
        return ControlsResponseWriter;
    }

    private static ObjectReader CreateIntentRequestReader;
    private static ObjectWriter CreateIntentRequestWriter;

    private static void instantiateCreateIntentRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        CreateIntentRequestReader = mapper.readerFor(CreateIntentRequest.class);
        CreateIntentRequestWriter = mapper.writerFor(CreateIntentRequest.class);
    }

    private static ObjectReader getCreateIntentRequestObjectReader() {
        if (CreateIntentRequestReader == null) instantiateCreateIntentRequestMapper();
        return CreateIntentRequestReader;
    }

    private static ObjectWriter getCreateIntentRequestObjectWriter() {
        if (CreateIntentRequestWriter == null) instantiateCreateIntentRequestMapper();
        return CreateIntentRequestWriter;
    }

    private static ObjectReader CreateIntentResponseReader;
    private static ObjectWriter CreateIntentResponseWriter;

    private static void instantiateCreateIntentResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        CreateIntentResponseReader = mapper.readerFor(CreateIntentResponse.class);
        CreateIntentResponseWriter = mapper.writerFor(CreateIntentResponse.class);
    }

    private static ObjectReader getCreateIntentResponseObjectReader() {
        if (CreateIntentResponseReader == null) instantiateCreateIntentResponseMapper();
        return CreateIntentResponseReader;
    }

    private static ObjectWriter getCreateIntentResponseObjectWriter() {
        if (CreateIntentResponseWriter == null) instantiateCreateIntentResponseMapper();
        return CreateIntentResponseWriter;
    }

    private static ObjectReader PushDeliveryReader;
    private static ObjectWriter PushDeliveryWriter;

    private static void instantiatePushDeliveryMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        PushDeliveryReader = mapper.readerFor(PushDelivery.class);
        PushDeliveryWriter = mapper.writerFor(PushDelivery.class);
    }

    private static ObjectReader getPushDeliveryObjectReader() {
        if (PushDeliveryReader == null) instantiatePushDeliveryMapper();
        return PushDeliveryReader;
    }

    private static ObjectWriter getPushDeliveryObjectWriter() {
        if (PushDeliveryWriter == null) instantiatePushDeliveryMapper();
        return PushDeliveryWriter;
    }

    private static ObjectReader IntentEnvelopeReader;
    private static ObjectWriter IntentEnvelopeWriter;

    private static void instantiateIntentEnvelopeMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        IntentEnvelopeReader = mapper.readerFor(IntentEnvelope.class);
        IntentEnvelopeWriter = mapper.writerFor(IntentEnvelope.class);
    }

    private static ObjectReader getIntentEnvelopeObjectReader() {
        if (IntentEnvelopeReader == null) instantiateIntentEnvelopeMapper();
        return IntentEnvelopeReader;
    }

    private static ObjectWriter getIntentEnvelopeObjectWriter() {
        if (IntentEnvelopeWriter == null) instantiateIntentEnvelopeMapper();
        return IntentEnvelopeWriter;
    }

    private static ObjectReader ErrorReader;
    private static ObjectWriter ErrorWriter;

    private static void instantiateErrorMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ErrorReader = mapper.readerFor(Error.class);
        ErrorWriter = mapper.writerFor(Error.class);
    }

    private static ObjectReader getErrorObjectReader() {
        if (ErrorReader == null) instantiateErrorMapper();
        return ErrorReader;
    }

    private static ObjectWriter getErrorObjectWriter() {
        if (ErrorWriter == null) instantiateErrorMapper();
        return ErrorWriter;
    }

    private static ObjectReader ErrorRegistryReader;
    private static ObjectWriter ErrorRegistryWriter;

    private static void instantiateErrorRegistryMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ErrorRegistryReader = mapper.readerFor(ErrorRegistry.class);
        ErrorRegistryWriter = mapper.writerFor(ErrorRegistry.class);
    }

    private static ObjectReader getErrorRegistryObjectReader() {
        if (ErrorRegistryReader == null) instantiateErrorRegistryMapper();
        return ErrorRegistryReader;
    }

    private static ObjectWriter getErrorRegistryObjectWriter() {
        if (ErrorRegistryWriter == null) instantiateErrorRegistryMapper();
        return ErrorRegistryWriter;
    }

    private static ObjectReader ErrorResponseReader;
    private static ObjectWriter ErrorResponseWriter;

    private static void instantiateErrorResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ErrorResponseReader = mapper.readerFor(ErrorResponse.class);
        ErrorResponseWriter = mapper.writerFor(ErrorResponse.class);
    }

    private static ObjectReader getErrorResponseObjectReader() {
        if (ErrorResponseReader == null) instantiateErrorResponseMapper();
        return ErrorResponseReader;
    }

    private static ObjectWriter getErrorResponseObjectWriter() {
        if (ErrorResponseWriter == null) instantiateErrorResponseMapper();
        return ErrorResponseWriter;
    }

    private static ObjectReader IntentEventReader;
    private static ObjectWriter IntentEventWriter;

    private static void instantiateIntentEventMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        IntentEventReader = mapper.readerFor(IntentEvent.class);
        IntentEventWriter = mapper.writerFor(IntentEvent.class);
    }

    private static ObjectReader getIntentEventObjectReader() {
        if (IntentEventReader == null) instantiateIntentEventMapper();
        return IntentEventReader;
    }

    private static ObjectWriter getIntentEventObjectWriter() {
        if (IntentEventWriter == null) instantiateIntentEventMapper();
        return IntentEventWriter;
    }

    private static ObjectReader GetIntentResponseReader;
    private static ObjectWriter GetIntentResponseWriter;

    private static void instantiateGetIntentResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        GetIntentResponseReader = mapper.readerFor(GetIntentResponse.class);
        GetIntentResponseWriter = mapper.writerFor(GetIntentResponse.class);
    }

    private static ObjectReader getGetIntentResponseObjectReader() {
        if (GetIntentResponseReader == null) instantiateGetIntentResponseMapper();
        return GetIntentResponseReader;
    }

    private static ObjectWriter getGetIntentResponseObjectWriter() {
        if (GetIntentResponseWriter == null) instantiateGetIntentResponseMapper();
        return GetIntentResponseWriter;
    }

    private static ObjectReader HealthResponseReader;
    private static ObjectWriter HealthResponseWriter;

    private static void instantiateHealthResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        HealthResponseReader = mapper.readerFor(HealthResponse.class);
        HealthResponseWriter = mapper.writerFor(HealthResponse.class);
    }

    private static ObjectReader getHealthResponseObjectReader() {
        if (HealthResponseReader == null) instantiateHealthResponseMapper();
        return HealthResponseReader;
    }

    private static ObjectWriter getHealthResponseObjectWriter() {
        if (HealthResponseWriter == null) instantiateHealthResponseMapper();
        return HealthResponseWriter;
    }

    private static ObjectReader HumanTaskReader;
    private static ObjectWriter HumanTaskWriter;

    private static void instantiateHumanTaskMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        HumanTaskReader = mapper.readerFor(HumanTask.class);
        HumanTaskWriter = mapper.writerFor(HumanTask.class);
    }

    private static ObjectReader getHumanTaskObjectReader() {
        if (HumanTaskReader == null) instantiateHumanTaskMapper();
        return HumanTaskReader;
    }

    private static ObjectWriter getHumanTaskObjectWriter() {
        if (HumanTaskWriter == null) instantiateHumanTaskMapper();
        return HumanTaskWriter;
    }

    private static ObjectReader IntentReader;
    private static ObjectWriter IntentWriter;

    private static void instantiateIntentMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        IntentReader = mapper.readerFor(Intent.class);
        IntentWriter = mapper.writerFor(Intent.class);
    }

    private static ObjectReader getIntentObjectReader() {
        if (IntentReader == null) instantiateIntentMapper();
        return IntentReader;
    }

    private static ObjectWriter getIntentObjectWriter() {
        if (IntentWriter == null) instantiateIntentMapper();
        return IntentWriter;
    }

    private static ObjectReader IntentUpdateResponseReader;
    private static ObjectWriter IntentUpdateResponseWriter;

    private static void instantiateIntentUpdateResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        IntentUpdateResponseReader = mapper.readerFor(IntentUpdateResponse.class);
        IntentUpdateResponseWriter = mapper.writerFor(IntentUpdateResponse.class);
    }

    private static ObjectReader getIntentUpdateResponseObjectReader() {
        if (IntentUpdateResponseReader == null) instantiateIntentUpdateResponseMapper();
        return IntentUpdateResponseReader;
    }

    private static ObjectWriter getIntentUpdateResponseObjectWriter() {
        if (IntentUpdateResponseWriter == null) instantiateIntentUpdateResponseMapper();
        return IntentUpdateResponseWriter;
    }

    private static ObjectReader JSONTextVectorsReader;
    private static ObjectWriter JSONTextVectorsWriter;

    private static void instantiateJSONTextVectorsMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        JSONTextVectorsReader = mapper.readerFor(JSONTextVectors.class);
        JSONTextVectorsWriter = mapper.writerFor(JSONTextVectors.class);
    }

    private static ObjectReader getJSONTextVectorsObjectReader() {
        if (JSONTextVectorsReader == null) instantiateJSONTextVectorsMapper();
        return JSONTextVectorsReader;
    }

    private static ObjectWriter getJSONTextVectorsObjectWriter() {
        if (JSONTextVectorsWriter == null) instantiateJSONTextVectorsMapper();
        return JSONTextVectorsWriter;
    }

    private static ObjectReader LifecycleStateReader;
    private static ObjectWriter LifecycleStateWriter;

    private static void instantiateLifecycleStateMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        LifecycleStateReader = mapper.readerFor(LifecycleState.class);
        LifecycleStateWriter = mapper.writerFor(LifecycleState.class);
    }

    private static ObjectReader getLifecycleStateObjectReader() {
        if (LifecycleStateReader == null) instantiateLifecycleStateMapper();
        return LifecycleStateReader;
    }

    private static ObjectWriter getLifecycleStateObjectWriter() {
        if (LifecycleStateWriter == null) instantiateLifecycleStateMapper();
        return LifecycleStateWriter;
    }

    private static ObjectReader LifecycleTableReader;
    private static ObjectWriter LifecycleTableWriter;

    private static void instantiateLifecycleTableMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        LifecycleTableReader = mapper.readerFor(LifecycleTable.class);
        LifecycleTableWriter = mapper.writerFor(LifecycleTable.class);
    }

    private static ObjectReader getLifecycleTableObjectReader() {
        if (LifecycleTableReader == null) instantiateLifecycleTableMapper();
        return LifecycleTableReader;
    }

    private static ObjectWriter getLifecycleTableObjectWriter() {
        if (LifecycleTableWriter == null) instantiateLifecycleTableMapper();
        return LifecycleTableWriter;
    }

    private static ObjectReader ListEventsResponseReader;
    private static ObjectWriter ListEventsResponseWriter;

    private static void instantiateListEventsResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ListEventsResponseReader = mapper.readerFor(ListEventsResponse.class);
        ListEventsResponseWriter = mapper.writerFor(ListEventsResponse.class);
    }

    private static ObjectReader getListEventsResponseObjectReader() {
        if (ListEventsResponseReader == null) instantiateListEventsResponseMapper();
        return ListEventsResponseReader;
    }

    private static ObjectWriter getListEventsResponseObjectWriter() {
        if (ListEventsResponseWriter == null) instantiateListEventsResponseMapper();
        return ListEventsResponseWriter;
    }

    private static ObjectReader ListIntentsResponseReader;
    private static ObjectWriter ListIntentsResponseWriter;

    private static void instantiateListIntentsResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ListIntentsResponseReader = mapper.readerFor(ListIntentsResponse.class);
        ListIntentsResponseWriter = mapper.writerFor(ListIntentsResponse.class);
    }

    private static ObjectReader getListIntentsResponseObjectReader() {
        if (ListIntentsResponseReader == null) instantiateListIntentsResponseMapper();
        return ListIntentsResponseReader;
    }

    private static ObjectWriter getListIntentsResponseObjectWriter() {
        if (ListIntentsResponseWriter == null) instantiateListIntentsResponseMapper();
        return ListIntentsResponseWriter;
    }

    private static ObjectReader PushRegistrationRequestReader;
    private static ObjectWriter PushRegistrationRequestWriter;

    private static void instantiatePushRegistrationRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        PushRegistrationRequestReader = mapper.readerFor(PushRegistrationRequest.class);
        PushRegistrationRequestWriter = mapper.writerFor(PushRegistrationRequest.class);
    }

    private static ObjectReader getPushRegistrationRequestObjectReader() {
        if (PushRegistrationRequestReader == null) instantiatePushRegistrationRequestMapper();
        return PushRegistrationRequestReader;
    }

    private static ObjectWriter getPushRegistrationRequestObjectWriter() {
        if (PushRegistrationRequestWriter == null) instantiatePushRegistrationRequestMapper();
        return PushRegistrationRequestWriter;
    }

    private static ObjectReader PushRegistrationResponseReader;
    private static ObjectWriter PushRegistrationResponseWriter;

    private static void instantiatePushRegistrationResponseMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        PushRegistrationResponseReader = mapper.readerFor(PushRegistrationResponse.class);
        PushRegistrationResponseWriter = mapper.writerFor(PushRegistrationResponse.class);
    }

    private static ObjectReader getPushRegistrationResponseObjectReader() {
        if (PushRegistrationResponseReader == null) instantiatePushRegistrationResponseMapper();
        return PushRegistrationResponseReader;
    }

    private static ObjectWriter getPushRegistrationResponseObjectWriter() {
        if (PushRegistrationResponseWriter == null) instantiatePushRegistrationResponseMapper();
        return PushRegistrationResponseWriter;
    }

    private static ObjectReader ResolveRequestReader;
    private static ObjectWriter ResolveRequestWriter;

    private static void instantiateResolveRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ResolveRequestReader = mapper.readerFor(ResolveRequest.class);
        ResolveRequestWriter = mapper.writerFor(ResolveRequest.class);
    }

    private static ObjectReader getResolveRequestObjectReader() {
        if (ResolveRequestReader == null) instantiateResolveRequestMapper();
        return ResolveRequestReader;
    }

    private static ObjectWriter getResolveRequestObjectWriter() {
        if (ResolveRequestWriter == null) instantiateResolveRequestMapper();
        return ResolveRequestWriter;
    }

    private static ObjectReader ResumeRequestReader;
    private static ObjectWriter ResumeRequestWriter;

    private static void instantiateResumeRequestMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        ResumeRequestReader = mapper.readerFor(ResumeRequest.class);
        ResumeRequestWriter = mapper.writerFor(ResumeRequest.class);
    }

    private static ObjectReader getResumeRequestObjectReader() {
        if (ResumeRequestReader == null) instantiateResumeRequestMapper();
        return ResumeRequestReader;
    }

    private static ObjectWriter getResumeRequestObjectWriter() {
        if (ResumeRequestWriter == null) instantiateResumeRequestMapper();
        return ResumeRequestWriter;
    }

    private static ObjectReader StreamTimeoutReader;
    private static ObjectWriter StreamTimeoutWriter;

    private static void instantiateStreamTimeoutMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        StreamTimeoutReader = mapper.readerFor(StreamTimeout.class);
        StreamTimeoutWriter = mapper.writerFor(StreamTimeout.class);
    }

    private static ObjectReader getStreamTimeoutObjectReader() {
        if (StreamTimeoutReader == null) instantiateStreamTimeoutMapper();
        return StreamTimeoutReader;
    }

    private static ObjectWriter getStreamTimeoutObjectWriter() {
        if (StreamTimeoutWriter == null) instantiateStreamTimeoutMapper();
        return StreamTimeoutWriter;
    }

    private static ObjectReader TaskResultReader;
    private static ObjectWriter TaskResultWriter;

    private static void instantiateTaskResultMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        TaskResultReader = mapper.readerFor(TaskResult.class);
        TaskResultWriter = mapper.writerFor(TaskResult.class);
    }

    private static ObjectReader getTaskResultObjectReader() {
        if (TaskResultReader == null) instantiateTaskResultMapper();
        return TaskResultReader;
    }

    private static ObjectWriter getTaskResultObjectWriter() {
        if (TaskResultWriter == null) instantiateTaskResultMapper();
        return TaskResultWriter;
    }

    private static ObjectReader VectorFileReader;
    private static ObjectWriter VectorFileWriter;

    private static void instantiateVectorFileMapper() {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.findAndRegisterModules();
        mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        mapper.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        SimpleModule module = new SimpleModule();
        module.addDeserializer(OffsetDateTime.class, new JsonDeserializer<OffsetDateTime>() {
            @Override
            public OffsetDateTime deserialize(JsonParser jsonParser, DeserializationContext deserializationContext) throws IOException, JsonProcessingException {
                String value = jsonParser.getText();
                return Converter.parseDateTimeString(value);
            }
        });
        module.addSerializer(OffsetDateTime.class, new JsonSerializer<OffsetDateTime>() {
            @Override
            public void serialize(OffsetDateTime value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value));
            }
        });
        mapper.registerModule(module);
        VectorFileReader = mapper.readerFor(VectorFile.class);
        VectorFileWriter = mapper.writerFor(VectorFile.class);
    }

    private static ObjectReader getVectorFileObjectReader() {
        if (VectorFileReader == null) instantiateVectorFileMapper();
        return VectorFileReader;
    }

    private static ObjectWriter getVectorFileObjectWriter() {
        if (VectorFileWriter == null) instantiateVectorFileMapper();
        return VectorFileWriter;
    }
}
