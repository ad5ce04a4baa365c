package com.headlessanalytics.console.hardware.print;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a printer's papers a template's page goes on: the paper of the page's size (within
 * 2 mm, either way round) when there is one, else the smallest paper the page fits on, else the
 * largest. {@code landscape} when the paper is turned to hold the page.
 */
public final class PaperMatch {
    /** How far a paper's sides may be from the page's and still be the same size. */
    public static final double TOLERANCE_MM = 2.0;

    /** A paper as the printer names it, in millimetres as it is fed (portrait as a rule). */
    public record Paper(String name, double widthMm, double heightMm) {
    }

    /** The paper chosen; {@code exact} when it is the page's own size. */
    public record Match(Paper paper, boolean landscape, boolean exact) {
    }

    private PaperMatch() {
    }

    public static Optional<Match> best(List<Paper> papers, double pageWidthMm, double pageHeightMm) {
        for (Paper p : papers) {
            if (near(p.widthMm(), pageWidthMm) && near(p.heightMm(), pageHeightMm)) {
                return Optional.of(new Match(p, false, true));
            }
        }
        for (Paper p : papers) {
            if (near(p.widthMm(), pageHeightMm) && near(p.heightMm(), pageWidthMm)) {
                return Optional.of(new Match(p, true, true));
            }
        }
        Optional<Match> fits = papers.stream()
                .filter(p -> fits(p, pageWidthMm, pageHeightMm, false) || fits(p, pageWidthMm, pageHeightMm, true))
                .min(Comparator.comparingDouble(p -> p.widthMm() * p.heightMm()))
                .map(p -> new Match(p, !fits(p, pageWidthMm, pageHeightMm, false), false));
        if (fits.isPresent()) {
            return fits;
        }
        return papers.stream().max(Comparator.comparingDouble(p -> p.widthMm() * p.heightMm()))
                .map(p -> new Match(p, orientation(p, pageWidthMm, pageHeightMm), false));
    }

    /** Whether the page is turned on the chosen paper: landscape when the page is wide and the paper tall. */
    public static boolean orientation(Paper paper, double pageWidthMm, double pageHeightMm) {
        return (pageWidthMm > pageHeightMm) != (paper.widthMm() > paper.heightMm());
    }

    private static boolean fits(Paper p, double w, double h, boolean turned) {
        return turned ? p.widthMm() + TOLERANCE_MM >= h && p.heightMm() + TOLERANCE_MM >= w
                : p.widthMm() + TOLERANCE_MM >= w && p.heightMm() + TOLERANCE_MM >= h;
    }

    private static boolean near(double a, double b) {
        return Math.abs(a - b) <= TOLERANCE_MM;
    }
}
