package com.headlessanalytics.console.ui.common;

/** Opens the Approvals screen: on one decision, or on the queue. */
@FunctionalInterface
public interface DecisionNavigator {

    /** Shows the decision with this id in Approvals; null opens the queue as it is. */
    void showDecision(String decisionId);
}
