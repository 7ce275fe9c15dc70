package io.dbaudit.model.result;

import java.time.LocalDate;

/** The waiver that turned a finding from FAIL into WAIVED, as the report shows it. */
public record AppliedWaiver(String id, String justification, LocalDate expires, String approver) {
}
