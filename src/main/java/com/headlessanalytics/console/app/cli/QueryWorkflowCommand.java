package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.WorkflowStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query workflow WORKFLOW_ID}: GraphQL {@code workflowStatus(workflowId)}. */
@Command(name = "workflow", mixinStandardHelpOptions = true,
        description = "A workflow's runs by state (running, completed, failed, cancelled) and its most recently"
                + " updated runs, read from its workflow.* events (docs/api.md, Agent and workflow events).")
final class QueryWorkflowCommand extends ApiQueryCommand {
    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The workflow: properties.workflowId.")
    String workflowId;

    @Option(names = "--limit", paramLabel = "N",
            description = "Runs listed, most recently updated first (1-" + WorkflowStatus.MAX_LIMIT + ", default "
                    + WorkflowStatus.DEFAULT_LIMIT + ").")
    Integer limit;

    @Option(names = {"--business-id", "--business"}, paramLabel = "ID",
            description = "Only this business's events (default: every business).")
    String businessId;

    @Mixin
    PeriodOptions period;

    @Override
    Request request() {
        WorkflowStatus.Query query = new WorkflowStatus.Query(workflowId, businessId, period.from(), period.to(),
                limit);
        return api -> api.workflowStatus(query);
    }
}
