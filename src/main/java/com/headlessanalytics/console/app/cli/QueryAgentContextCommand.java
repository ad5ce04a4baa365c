package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.AgentContext;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code query agent-context}: {@code POST /api/intelligence/agent-context}. */
@Command(name = "agent-context", mixinStandardHelpOptions = true,
        description = "What an agent needs to know about a business: as JSON, or with --text as plain sentences.")
final class QueryAgentContextCommand extends ApiQueryCommand.WithJson {
    @Option(names = "--mode", paramLabel = "MODE",
            description = "summary (default), what_changed, anomalies, missing_proof or recommend_next_actions.")
    String mode;

    @Mixin
    BusinessOption business;

    @Option(names = "--limit", paramLabel = "N", description = "Items per list (1-1000, default 50).")
    Integer limit;

    @Mixin
    PeriodOptions.Report period;

    @Option(names = "--text", description = "Print the answer's text for a person instead of the JSON.")
    boolean text;

    @Override
    Request request() {
        AgentContext.Query base = json.read(AgentContext.Query.class,
                new AgentContext.Query(null, null, null, null, null));
        AgentContext.Query query = new AgentContext.Query(QueryCommand.or(mode, base.mode()),
                QueryCommand.or(business.id, base.businessId()), QueryCommand.or(limit, base.limit()),
                QueryCommand.or(period.from(), base.from()),
                QueryCommand.or(period.to(), base.to()));
        return api -> api.agentContext(query);
    }

    @Override
    void print(Object answer) throws Exception {
        if (text) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(((AgentContext.Result) answer).text());
            out.flush();
        } else {
            super.print(answer);
        }
    }
}
