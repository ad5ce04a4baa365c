import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The baseline of installer/startup-bench.sh: the smallest JavaFX app that shows a window, packaged
 * with the console's runtime and launcher options, so that start to first window can be compared.
 */
public class MinimalFx extends Application {
    public static void main(String[] args) {
        launch(MinimalFx.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("Minimal FX");
        stage.setScene(new Scene(new StackPane(new Label("Minimal JavaFX window")), 1280, 800));
        stage.show();
    }
}
