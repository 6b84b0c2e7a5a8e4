package io.sparkact.bench;

/** One part of BENCHMARKS.md: a heading and its Markdown body (what was measured, the table, the verdict). */
public record Section(String title, String body) {

    /** The section as Markdown, heading level 2. */
    public String render() {
        return "## " + title + "\n\n" + body.strip() + "\n";
    }
}
