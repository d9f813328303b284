package flow.e2e

/**
 * What a terminal shows after some output: replays text with the escape sequences flow's live
 * display uses (ESC[nF cursor up n lines to column 1, ESC[2K erase the line, ESC[J erase to the
 * end of the screen, colours ignored) onto a grid of lines, wrapping at {@code columns} as a
 * terminal does, so that a line drawn too wide breaks the next redraw here as it does there.
 */
class ScreenReplay {
    static List<String> screen(String output, int columns) {
        List<StringBuilder> lines = [new StringBuilder()]
        int row = 0, col = 0
        int i = 0
        while (i < output.length()) {
            char ch = output.charAt(i)
            if (ch == '\033' as char) {
                def m = output.substring(i) =~ /^\033\[(\d*)([A-Za-z])/
                if (!m.find()) { i++; continue }
                int n = m.group(1) ? m.group(1) as int : 1
                switch (m.group(2)) {
                    case 'F': row = Math.max(0, row - n); col = 0; break
                    case 'K': lines[row].setLength(0); break
                    case 'J': lines[row].setLength(col); while (lines.size() > row + 1) lines.remove(lines.size() - 1); break
                }
                i += m.group(0).length()
                continue
            }
            if (ch == '\n' as char || col == columns) {
                row++
                col = 0
                if (row == lines.size()) lines << new StringBuilder()
                if (ch == '\n' as char) { i++; continue }
            }
            if (ch == '\r' as char) { col = 0; i++; continue }
            StringBuilder line = lines[row]
            while (line.length() < col) line.append(' ')
            if (col < line.length()) line.setCharAt(col, ch) else line.append(ch)
            col++
            i++
        }
        lines*.toString().findAll { !it.isEmpty() }
    }
}
