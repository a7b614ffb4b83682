package dev.ersatz.sim.market;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ersatz.core.InputException;
import dev.ersatz.core.model.ModelFile;

import java.util.ArrayList;
import java.util.List;

/** Reading marginals back from a model file, and the JSON helpers they share. */
final class Marginals {
    private Marginals() {}

    /** The marginal stored in {@code o} by its {@link Marginal#toJson()}. */
    static Marginal fromJson(JsonNode o) {
        String type = text(o, "type");
        return switch (type) {
            case "garch" -> GarchMarginal.fromJson(o);
            case "gbm" -> GbmMarginal.fromJson(o);
            case "merton" -> MertonMarginal.fromJson(o);
            case "heston" -> HestonMarginal.fromJson(o);
            default -> throw new InputException("model file: unknown marginal type '" + type + "'");
        };
    }

    static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isTextual()) throw new InputException("model file: field '" + field + "' is missing or not text");
        return v.asText();
    }

    static double num(JsonNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || !v.isNumber()) throw new InputException("model file: field '" + field + "' is missing or not a number");
        return v.asDouble();
    }

    /** A number or NaN as JSON: NaN becomes null (JSON has no NaN). */
    static void putNumber(ObjectNode o, String field, double v) {
        if (Double.isFinite(v)) o.put(field, v);
        else o.putNull(field);
    }

    static ArrayNode estimatesJson(List<Estimate> estimates) {
        ArrayNode a = ModelFile.mapper().createArrayNode();
        for (Estimate e : estimates) {
            ObjectNode o = a.addObject();
            o.put("name", e.name());
            o.put("value", e.value());
            putNumber(o, "se", e.se());
            putNumber(o, "robustSe", e.robustSe());
            o.put("fixed", e.fixed());
        }
        return a;
    }

    static List<Estimate> estimatesFromJson(JsonNode a) {
        List<Estimate> out = new ArrayList<>();
        for (JsonNode o : a) {
            out.add(new Estimate(o.path("name").asText(), o.path("value").asDouble(),
                    o.path("se").isNumber() ? o.path("se").asDouble() : Double.NaN,
                    o.path("robustSe").isNumber() ? o.path("robustSe").asDouble() : Double.NaN,
                    o.path("fixed").asBoolean()));
        }
        return out;
    }
}
