package io.dbaudit.model.result;

/** How far a target's scan got. Anything but COMPLETE makes the run incomplete. */
public enum TargetStatus {
    /** Connected and every collector step ran (individual fact kinds may still be denied). */
    COMPLETE,
    /** Connected but some fact kinds could not be read. */
    PARTIAL,
    UNREACHABLE,
    AUTH_FAILED,
    /** The target did not finish within the per-target time limit. */
    TIMEOUT,
    ERROR
}
