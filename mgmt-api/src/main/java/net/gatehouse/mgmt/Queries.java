package net.gatehouse.mgmt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The OData-style query options iControl REST accepts on GET: {@code $select}, {@code $filter}
 * ({@code partition eq Common}), {@code $top}, {@code $skip}, and {@code expandSubcollections=true}
 * or {@code $expand} to include subcollection items.
 */
record Queries(Optional<Set<String>> select, Optional<String> partition, Optional<Integer> top, int skip,
        boolean expand) {

    /** {@code partition eq Common}, or with the name as an OData string literal ({@code 'Common'}). */
    private static final Pattern PARTITION_FILTER = Pattern.compile("\\s*partition\\s+eq\\s+'?([^'\\s]+)'?\\s*");

    static Queries of(MultivaluedMap<String, String> query) {
        Optional<Set<String>> select = Optional.ofNullable(query.getFirst("$select"))
                .map(s -> Arrays.stream(s.split(",")).map(String::strip).filter(f -> !f.isEmpty())
                        .collect(Collectors.toUnmodifiableSet()));
        Optional<String> partition = Optional.ofNullable(query.getFirst("$filter")).map(Queries::partitionOf);
        Optional<Integer> top = Optional.ofNullable(query.getFirst("$top")).map(v -> count("$top", v));
        int skip = Optional.ofNullable(query.getFirst("$skip")).map(v -> count("$skip", v)).orElse(0);
        boolean expand = "true".equalsIgnoreCase(query.getFirst("expandSubcollections"))
                || query.containsKey("$expand");
        return new Queries(select, partition, top, skip, expand);
    }

    private static String partitionOf(String filter) {
        Matcher matcher = PARTITION_FILTER.matcher(filter);
        if (!matcher.matches()) {
            throw new RestError(400, "Query parameter $filter=" + filter
                    + " is not supported: only 'partition eq <name>' is.");
        }
        return matcher.group(1);
    }

    private static int count(String option, String value) {
        try {
            int count = Integer.parseInt(value.strip());
            if (count >= 0) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below, with the value
        }
        throw new RestError(400, "Query parameter " + option + "=" + value + " must be a whole number of 0 or more.");
    }

    boolean paged() {
        return top.isPresent() || skip > 0;
    }

    /** Applies {@code $select} to one object: only the named fields stay. */
    ObjectNode selected(ObjectNode node) {
        if (select.isEmpty()) {
            return node;
        }
        Iterator<String> names = node.fieldNames();
        List<String> drop = new java.util.ArrayList<>();
        names.forEachRemaining(name -> {
            if (!select.get().contains(name)) {
                drop.add(name);
            }
        });
        node.remove(drop);
        return node;
    }

    /**
     * Applies the options to a collection body: filters and pages {@code items} and, when paged,
     * adds BIG-IP's paging fields ({@code totalItems}, {@code nextLink}, ...).
     */
    ObjectNode apply(ObjectNode collection, String selfLinkBase) {
        ArrayNode all = (ArrayNode) collection.get("items");
        List<JsonNode> kept = new java.util.ArrayList<>();
        for (JsonNode item : all) {
            // An object that names no partition (a user, a partition) belongs to Common, as BIG-IP filters it.
            if (partition.isEmpty() || partition.get().equals(item.path("partition").asText("Common"))) {
                kept.add(item);
            }
        }
        int from = Math.min(skip, kept.size());
        int to = top.map(t -> Math.min(kept.size(), from + t)).orElse(kept.size());
        ArrayNode page = collection.arrayNode();
        for (JsonNode item : kept.subList(from, to)) {
            page.add(selected((ObjectNode) item));
        }
        collection.set("items", page);
        if (paged()) {
            int perPage = top.orElse(Math.max(1, kept.size() - from));
            collection.put("currentItemCount", page.size());
            collection.put("itemsPerPage", perPage);
            collection.put("pageIndex", perPage == 0 ? 1 : from / perPage + 1);
            collection.put("startIndex", from + 1);
            collection.put("totalItems", kept.size());
            collection.put("totalPages", perPage == 0 ? 1 : (kept.size() + perPage - 1) / perPage);
            if (to < kept.size()) {
                collection.put("nextLink", selfLinkBase + "?$top=" + perPage + "&$skip=" + to
                        + "&ver=" + net.gatehouse.appliance.syntax.IcontrolJson.VERSION);
            }
            if (from > 0) {
                collection.put("previousLink", selfLinkBase + "?$top=" + perPage + "&$skip="
                        + Math.max(0, from - perPage) + "&ver=" + net.gatehouse.appliance.syntax.IcontrolJson.VERSION);
            }
        }
        return collection;
    }
}
