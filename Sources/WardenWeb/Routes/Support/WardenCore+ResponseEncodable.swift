public import Hummingbird
public import WardenCore

// Domain values the API returns as they are. Public because the types are; declared here,
// in the web module, so the domain does not depend on Hummingbird.
extension PersonView: ResponseEncodable {}
extension AreaSummary: ResponseEncodable {}
extension StoreCounts: ResponseEncodable {}
extension BoardEntry: ResponseEncodable {}
