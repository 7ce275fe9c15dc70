package io.dbaudit.collectors.mongo;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoExecutionTimeoutException;
import com.mongodb.MongoOperationTimeoutException;
import com.mongodb.MongoSecurityException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoSocketReadTimeoutException;
import com.mongodb.MongoTimeoutException;
import io.dbaudit.collectors.Secret;
import io.dbaudit.model.ErrorReason;

import java.util.Optional;

/** What a driver exception means for a fact kind, and its message made safe to show. */
final class MongoFailures {
    /** Server error codes (src/mongo/base/error_codes.yml in the MongoDB source). */
    static final int UNAUTHORIZED = 13;
    static final int AUTHENTICATION_FAILED = 18;
    static final int NAMESPACE_NOT_FOUND = 26;
    static final int EXCEEDED_TIME_LIMIT = 50;
    static final int COMMAND_NOT_FOUND = 59;
    static final int NO_REPLICATION_ENABLED = 76;
    static final int NOT_YET_INITIALIZED = 94;
    static final int COMMAND_NOT_SUPPORTED = 115;

    private MongoFailures() {
    }

    static ErrorReason reason(RuntimeException e) {
        if (e instanceof MongoCommandException c) {
            return switch (c.getErrorCode()) {
                case UNAUTHORIZED -> ErrorReason.PRIVILEGE;
                case EXCEEDED_TIME_LIMIT -> ErrorReason.TIMEOUT;
                case COMMAND_NOT_FOUND, NO_REPLICATION_ENABLED, NOT_YET_INITIALIZED, COMMAND_NOT_SUPPORTED ->
                        ErrorReason.UNSUPPORTED;
                default -> ErrorReason.ERROR;
            };
        }
        if (e instanceof MongoExecutionTimeoutException || e instanceof MongoSocketReadTimeoutException
                || e instanceof MongoOperationTimeoutException) {
            return ErrorReason.TIMEOUT;
        }
        if (e instanceof MongoTimeoutException || e instanceof MongoSocketException) {
            return ErrorReason.UNREACHABLE;
        }
        return ErrorReason.ERROR;
    }

    /** Whether the failure is the login itself (wrong password, unknown user), wherever it surfaced. */
    static boolean authenticationFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MongoSecurityException) {
                return true;
            }
            if (t instanceof MongoCommandException c && c.getErrorCode() == AUTHENTICATION_FAILED) {
                return true;
            }
        }
        return false;
    }

    static String message(Throwable e, Optional<Secret> password) {
        String text;
        if (e instanceof MongoCommandException c) {
            text = c.getErrorCodeName() + " (" + c.getErrorCode() + "): " + c.getErrorMessage();
        } else {
            text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
        if (password.isPresent() && !password.get().reveal().isEmpty()) {
            text = text.replace(password.get().reveal(), password.get().toString());
        }
        return text;
    }
}
