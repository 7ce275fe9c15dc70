package io.dbaudit.engine.template;

public class TemplateException extends RuntimeException {
    public TemplateException(String message) {
        super(message);
    }
}
