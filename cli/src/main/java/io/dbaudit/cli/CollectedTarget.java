package io.dbaudit.cli;

import io.dbaudit.model.facts.TargetFacts;
import io.dbaudit.model.result.TargetInfo;

/** The outcome of collecting one target: facts when it was reached (null otherwise) and its report row. */
record CollectedTarget(TargetSpec spec, TargetFacts facts, TargetInfo info) {
}
