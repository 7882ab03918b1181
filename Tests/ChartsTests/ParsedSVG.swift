#if canImport(FoundationXML)
import FoundationXML
#endif
import Foundation

/// An SVG string parsed with Foundation's XMLParser into a flat, document-ordered element list,
/// so tests check what a browser would see rather than substrings of the markup.
struct ParsedSVG {
    struct Element {
        let name: String
        let attributes: [String: String]
        /// Text directly inside this element (entities decoded).
        var text: String
        /// Names of the enclosing elements, outermost first.
        let ancestors: [String]

        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

        func number(_ attribute: String) -> Double? {
            attributes[attribute].flatMap(Double.init)
        }
    }

    let elements: [Element]

    /// Returns nil when the markup is not well-formed XML.
    init?(_ markup: String) {
        let collector = Collector()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = collector
        guard parser.parse() else { return nil }
        elements = collector.elements
    }

    var root: Element? { elements.first }

    func all(_ name: String, classed className: String? = nil) -> [Element] {
        elements.filter { $0.name == name && (className.map($0.classes.contains) ?? true) }
    }

    func texts(classed className: String) -> [String] {
        all("text", classed: className).map(\.text)
    }

    /// Every tooltip in the chart, excluding the chart's own accessible-name <title>.
    var tooltips: [String] {
        elements.filter { $0.name == "title" && $0.ancestors.count > 1 }.map(\.text)
    }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        private var open: [Int] = []

        func parser(
            _ parser: XMLParser,
            didStartElement elementName: String,
            namespaceURI: String?,
            qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            let ancestors = open.map { elements[$0].name }
            elements.append(Element(name: elementName, attributes: attributes, text: "", ancestors: ancestors))
            open.append(elements.count - 1)
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            open.removeLast()
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            guard let current = open.last else { return }
            elements[current].text += string
        }
    }
}
