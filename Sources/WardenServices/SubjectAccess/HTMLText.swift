import WardenCore

/// Text made safe to place in an HTML document: the five characters with meaning escaped,
/// and control and bidirectional characters shown as visible escapes (``SafeText``), since
/// every value in a package may be something someone typed.
enum HTMLText {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in SafeText.block(text) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
