package no.katapult.registry.facility;

public enum FacilityType {
    LAB, TEST_BED, WORKSHOP, PILOT_LINE, SIMULATION, VISUALISATION, CLEAN_ROOM, DEMONSTRATOR, MAKERSPACE, OTHER
}
