package com.headlessanalytics.console.ui.common;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The one dialog service of the tests: records everything it was asked to show, and answers
 * questions as the test set them up (confirm yes by default; files, folders and text from the
 * fields below, empty = the user cancelled).
 */
public final class TestDialogs implements DialogService {
    /** An error as shown: its title and the failure. */
    public record ShownError(String title, Throwable error) {
        @Override
        public String toString() {
            return title + ": " + error.getMessage();
        }
    }

    /** A file chooser as asked: its title and the suggested name (null for open and folder). */
    public record Asked(String title, String suggestedName) {
    }

    public final List<String> notices = new ArrayList<>();
    public final List<ShownError> errors = new ArrayList<>();
    public final List<String> information = new ArrayList<>();
    public final List<String> confirmations = new ArrayList<>();
    /** The phrases typed confirmations asked for. */
    public final List<String> typedPhrases = new ArrayList<>();
    public final List<Asked> fileQuestions = new ArrayList<>();
    public final List<Object> forms = new ArrayList<>();
    public boolean confirmAnswer = true;
    /** What the user types into a typed confirmation; null types the phrase asked for. */
    public String typedAnswer;
    /** Answers to text questions, in order; none left = cancelled. */
    public final Deque<String> textAnswers = new ArrayDeque<>();
    /** The file a save chooser returns; null = cancelled. */
    public Path saveFile;
    /** The file an open chooser returns; null = cancelled. */
    public Path openFile;
    /** The folder a folder chooser returns; null = cancelled. */
    public Path folder;

    @Override
    public void showError(String title, Throwable error) {
        errors.add(new ShownError(title, error));
    }

    @Override
    public void showInformation(String title, String message) {
        information.add(title + ": " + message);
    }

    @Override
    public boolean confirm(String title, String message, String confirmLabel) {
        confirmations.add(title);
        return confirmAnswer;
    }

    @Override
    public boolean confirmTyped(String title, String message, String phrase, String confirmLabel) {
        confirmations.add(title);
        typedPhrases.add(phrase);
        return confirmAnswer && phrase.equals(typedAnswer == null ? phrase : typedAnswer);
    }

    @Override
    public Optional<String> askText(String title, String message, String initial) {
        return Optional.ofNullable(textAnswers.poll());
    }

    @Override
    public Optional<Path> chooseSaveFile(String title, String suggestedName, FileType type) {
        fileQuestions.add(new Asked(title, suggestedName));
        return Optional.ofNullable(saveFile);
    }

    @Override
    public Optional<Path> chooseOpenFile(String title, FileType... types) {
        fileQuestions.add(new Asked(title, null));
        return Optional.ofNullable(openFile);
    }

    @Override
    public Optional<Path> chooseFolder(String title, Path initial) {
        fileQuestions.add(new Asked(title, null));
        return Optional.ofNullable(folder);
    }

    @Override
    public void showForm(Object formModel) {
        forms.add(formModel);
    }

    @Override
    public void notify(String message) {
        notices.add(message);
    }
}
