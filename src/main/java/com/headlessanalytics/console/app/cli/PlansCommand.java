package com.headlessanalytics.console.app.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.headlessanalytics.console.api.ApiJson;
import com.headlessanalytics.console.api.TrackingPlans;
import com.headlessanalytics.console.domain.plan.PlanViolation;
import com.headlessanalytics.console.domain.plan.TrackingPlan;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code plans …}: list, show, save and delete tracking plans, and see which recent events break one. */
@Command(name = "plans", mixinStandardHelpOptions = true,
        description = "Tracking plans: the events you expect, their properties and naming rule, and who breaks them.",
        subcommands = {PlansCommand.ListPlans.class, PlansCommand.Show.class, PlansCommand.Save.class,
            PlansCommand.Delete.class, PlansCommand.Violations.class})
final class PlansCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "Name a plans command: list, show, save, delete or violations");
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "The tracking plans: a table, or JSON with --json.")
    static final class ListPlans extends ApiQueryCommand {
        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        Request request() {
            return api -> api.trackingPlans();
        }

        @Override
        void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            TrackingPlans.Plans plans = (TrackingPlans.Plans) answer;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s  %-5s  %6s  %s%n", "ID", "MODE", "EVENTS", "NAME");
            for (TrackingPlan p : plans.plans()) {
                out.printf("%-24s  %-5s  %6d  %s%n", p.id(), p.mode() == null ? "" : p.mode().wire(),
                        p.events() == null ? 0 : p.events().size(), p.name() == null ? "" : p.name());
            }
            out.println(plans.plans().size() + (plans.plans().size() == 1 ? " plan" : " plans"));
            out.flush();
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One tracking plan as JSON.")
    static final class Show extends ApiQueryCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        Request request() {
            return api -> api.trackingPlans().plans().stream().filter(p -> p.id().equals(id)).findFirst()
                    .orElseThrow(() -> com.headlessanalytics.console.api.ApiException.notFound(
                            "No tracking plan '" + id + "' in this workspace"));
        }
    }

    @Command(name = "save", mixinStandardHelpOptions = true,
            description = {"Save the plan in FILE (JSON, as `plans show` prints it), replacing one with its id.",
                "Modes: off, warn (events are stored with warnings), block (ingest refuses breaking events)."})
    static final class Save extends ApiQueryCommand {
        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        Request request() {
            TrackingPlan plan;
            try {
                plan = ApiJson.mapper().readValue(Files.readString(file), TrackingPlan.class);
            } catch (JsonProcessingException e) {
                throw new ParameterException(spec.commandLine(), file + " is not a tracking plan in JSON: "
                        + e.getOriginalMessage());
            } catch (IOException e) {
                throw new ParameterException(spec.commandLine(), file + " cannot be read: " + e.getMessage());
            }
            if (plan == null) {
                throw new ParameterException(spec.commandLine(), file + " holds no tracking plan");
            }
            return api -> api.saveTrackingPlan(plan);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, description = "Delete a tracking plan.")
    static final class Delete extends ApiQueryCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        Request request() {
            return api -> {
                api.deleteTrackingPlan(id);
                return Map.of("deleted", id);
            };
        }
    }

    @Command(name = "violations", mixinStandardHelpOptions = true,
            description = "The recent events (newest first) that break a plan, whatever its mode, and why.")
    static final class Violations extends ApiQueryCommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--limit", paramLabel = "N",
                description = "Check the N most recent events (1-10000, default 500).")
        Integer limit;

        @Option(names = "--json", description = "Print the API's JSON answer instead of a table.")
        boolean json;

        @Override
        Request request() {
            return api -> api.trackingPlanViolations(id, limit);
        }

        @Override
        void print(Object answer) throws Exception {
            if (json) {
                super.print(answer);
                return;
            }
            TrackingPlans.Report report = (TrackingPlans.Report) answer;
            PrintWriter out = spec.commandLine().getOut();
            out.printf("%-24s  %-28s  %-22s  %-16s  %s%n", "TIME", "EVENT", "FIELD", "CODE", "WHY");
            for (TrackingPlans.Breach b : report.breaches()) {
                for (PlanViolation v : b.violations()) {
                    out.printf("%-24s  %-28s  %-22s  %-16s  %s%n", java.time.Instant.ofEpochMilli(b.event().timestamp()),
                            b.event().event(), v.field(), v.code(), v.message());
                }
            }
            out.println(report.breaches().size() + " of " + report.checked() + " recent events break plan '"
                    + report.planId() + "'");
            out.flush();
        }
    }
}
