import Foundation

/// A secret kept in a file only its owner can read (a password for the database or the mail
/// relay), rather than on a command line, where every user of the machine sees it.
public enum SecretFile {
    /// The file's first line; refused when the file is readable by group or others, or empty.
    /// `what` names the secret in the error, which never holds the contents.
    public static func firstLine(of path: String, what: String) throws(WardenError) -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw .invalidRequest("\(path): cannot read the \(what) file") }
        guard status.st_mode & 0o077 == 0 else {
            throw .invalidRequest("\(path): the \(what) file must be readable by its owner only (chmod 600)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, !line.isEmpty
        else { throw .invalidRequest("\(path): the \(what) file is empty") }
        return String(line)
    }
}
