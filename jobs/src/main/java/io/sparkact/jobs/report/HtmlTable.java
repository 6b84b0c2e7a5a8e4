package io.sparkact.jobs.report;

import java.util.ArrayList;
import java.util.List;

/** An HTML table with a caption and a header row; every cell is escaped. The data behind a chart. */
final class HtmlTable {

    private final String caption;
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    HtmlTable(String caption, List<String> header) {
        this.caption = caption;
        this.header = List.copyOf(header);
    }

    HtmlTable row(List<String> cells) {
        if (cells.size() != header.size()) {
            throw new IllegalStateException("row has " + cells.size() + " cells, header " + header.size());
        }
        rows.add(List.copyOf(cells));
        return this;
    }

    String html() {
        StringBuilder sb = new StringBuilder("<table>\n<caption>").append(Svg.escape(caption)).append("</caption>\n");
        sb.append("<thead><tr>");
        header.forEach(h -> sb.append("<th scope=\"col\">").append(Svg.escape(h)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> r : rows) {
            sb.append("<tr>");
            for (int i = 0; i < r.size(); i++) {
                String tag = i == 0 ? "th scope=\"row\"" : "td";
                sb.append('<').append(tag).append('>').append(Svg.escape(r.get(i)))
                        .append("</").append(i == 0 ? "th" : "td").append('>');
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody>\n</table>\n").toString();
    }
}
