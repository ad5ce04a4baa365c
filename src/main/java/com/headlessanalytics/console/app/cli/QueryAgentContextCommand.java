package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.AgentContext;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code query agent-context}: {@code POST /api/intelligence/agent-context}. */
@Command(name = "agent-context", mixinStandardHelpOptions = true,
        description = "What an agent needs to know about a business: as JSON, or with --text as plain sentences.")
final class QueryAgentContextCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Mixin
    QueryCommand.JsonInput json;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "summary (default), what_changed, anomalies, missing_proof or recommend_next_actions.")
    String mode;

    @Option(names = "--business-id", paramLabel = "ID", description = "The business (default: the workspace's).")
    String businessId;

    @Option(names = "--limit", paramLabel = "N", description = "Items per list (1-1000, default 50).")
    Integer limit;

    @Option(names = "--from", paramLabel = "TIME",
            description = "Period start: ms since epoch or ISO-8601 (default: 7 days before its end).")
    String from;

    @Option(names = "--to", paramLabel = "TIME", description = "Period end: ms since epoch or ISO-8601 (default: now).")
    String to;

    @Option(names = "--text", description = "Print the answer's text for a person instead of the JSON.")
    boolean text;

    @Override
    public Integer call() throws Exception {
        AgentContext.Query base = json.read(AgentContext.Query.class,
                new AgentContext.Query(null, null, null, null, null));
        AgentContext.Query query = new AgentContext.Query(QueryCommand.or(mode, base.mode()),
                QueryCommand.or(businessId, base.businessId()), QueryCommand.or(limit, base.limit()),
                QueryCommand.or(EventsCommand.time(from, "--from"), base.from()),
                QueryCommand.or(EventsCommand.time(to, "--to"), base.to()));
        try (TargetOptions.Opened opened = target.open()) {
            AgentContext.Result result = opened.api().agentContext(query);
            if (text) {
                PrintWriter out = spec.commandLine().getOut();
                out.println(result.text());
                out.flush();
            } else {
                QueryCommand.print(spec, result);
            }
        }
        return 0;
    }
}
