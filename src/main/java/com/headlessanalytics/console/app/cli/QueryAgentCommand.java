package com.headlessanalytics.console.app.cli;

import com.headlessanalytics.console.api.AgentPerformance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code query agent AGENT_ID}: GraphQL {@code agentPerformance(agentId)}. */
@Command(name = "agent", mixinStandardHelpOptions = true,
        description = "One agent's events, runs (succeeded, failed, running), run durations, decisions and spend,"
                + " read from the agent event conventions (docs/api.md, Agent and workflow events).")
final class QueryAgentCommand extends ApiQueryCommand {
    @Parameters(index = "0", paramLabel = "AGENT_ID", description = "The agent: the actor id of its events.")
    String agentId;

    @Option(names = {"--business-id", "--business"}, paramLabel = "ID",
            description = "Only this business's events (default: every business).")
    String businessId;

    @Mixin
    PeriodOptions period;

    @Override
    Request request() {
        AgentPerformance.Query query = new AgentPerformance.Query(agentId, businessId, period.from(), period.to());
        return api -> api.agentPerformance(query);
    }
}
