package no.katapult.launcher.demo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Ids of the demo centres, facilities and equipment in the registry, as the later loaders need them. */
final class Catalogue {

    private final Map<String, String> centres = new LinkedHashMap<>();
    private final Map<String, String> facilities = new LinkedHashMap<>();
    private final Map<String, String> equipment = new LinkedHashMap<>();

    void centre(String code, String id) {
        centres.put(code, id);
    }

    void facility(String name, String id) {
        facilities.put(name, id);
    }

    void equipment(String name, String id) {
        equipment.put(name, id);
    }

    String centreId(String code) {
        return Optional.ofNullable(centres.get(code))
                .orElseThrow(() -> new DemoException("The demo centre '" + code + "' is not in the registry"));
    }

    String facilityId(String name) {
        return Optional.ofNullable(facilities.get(name))
                .orElseThrow(() -> new DemoException("The demo facility '" + name + "' is not in the registry"));
    }

    String equipmentId(String name) {
        return Optional.ofNullable(equipment.get(name))
                .orElseThrow(() -> new DemoException("The demo equipment '" + name + "' is not in the registry"));
    }

    int centres() {
        return centres.size();
    }

    int facilities() {
        return facilities.size();
    }

    int equipmentItems() {
        return equipment.size();
    }
}
