package com.headlessanalytics.console.ui.common;

import java.time.Duration;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/** {@link Scheduler} on a JavaFX timeline: the action runs on the FX thread. */
public final class FxScheduler implements Scheduler {
    @Override
    public TaskRunner.Handle every(Duration period, Runnable action) {
        Timeline timeline = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> action.run()));
        timeline.setCycleCount(Animation.INDEFINITE);
        timeline.play();
        return timeline::stop;
    }
}
