import Crypto
import Foundation
import WardenCore
import TransparencyLog

/// Where a backup stands in the log's history as the witness directory saw it, worked out
/// before anything of the backup is trusted.
///
/// The backup's checkpoint must carry the log's signature. Then, walking the witness
/// directory's links (each an RFC 9162 consistency proof from one witnessed checkpoint to the
/// next) from the backup's checkpoint must reach the newest witnessed one: so the backup's
/// history is a prefix of what was witnessed, and the links between say what kinds of entry
/// came after it. A backup newer than anything witnessed is checked the other way, from its
/// own tree, once it is open (``checkAhead(_:)``).
struct BackupLineage: Sendable {
    /// The backup's signed checkpoint.
    let checkpoint: Checkpoint?
    /// The newest checkpoint the witness directory holds, signature checked.
    let witnessed: Checkpoint?
    /// The links walked from the backup's checkpoint to the newest witnessed one.
    let walked: [WitnessDirectory.Link]
    var notes: [String] = []

    init(manifest: BackupManifest, name: String, witnesses: WitnessDirectory, key: Curve25519.Signing.PublicKey) throws {
        func signed(_ note: String) -> Checkpoint? {
            guard let origin = try? Checkpoint.parse(signedNote: note).checkpoint.origin else { return nil }
            return try? Checkpoint.verify(signedNote: note, publicKey: key, keyName: origin)
        }
        if let claimed = manifest.checkpoint {
            guard let checkpoint = signed(claimed.note), checkpoint.size == claimed.size, Hex.encode(checkpoint.rootHash) == claimed.root else {
                throw WardenError.invalidRequest("\(name): its checkpoint is not signed with this party's log key (forged, or another party's)")
            }
            self.checkpoint = checkpoint
        } else {
            checkpoint = nil
        }
        let latest = witnesses.latestNote.flatMap(signed)
        witnessed = latest
        guard let latest else {
            walked = []
            notes.append("no witness history at \(witnesses.path) to compare with: the backup is taken on its log key's signature alone")
            return
        }
        guard let checkpoint else {
            throw WardenError.invalidRequest("\(name): holds no signed checkpoint, but \(latest.size) entries were witnessed; it cannot be placed in the history")
        }
        if checkpoint.size >= latest.size {
            walked = []
            guard checkpoint.size > latest.size || checkpoint.rootHash == latest.rootHash else {
                throw Self.forked(name, checkpoint.size)
            }
            return
        }
        var current = (size: checkpoint.size, root: Hex.encode(checkpoint.rootHash))
        var walked: [WitnessDirectory.Link] = []
        let links = witnesses.links
        while current.size < latest.size {
            guard let next = links.first(where: { link in
                link.previousSize == current.size && link.previousRoot == current.root && Self.proves(link)
            }) else { throw Self.forked(name, checkpoint.size) }
            walked.append(next)
            current = (next.size, next.root)
        }
        guard current.size == latest.size, current.root == Hex.encode(latest.rootHash) else { throw Self.forked(name, checkpoint.size) }
        self.walked = walked
    }

    /// Whether a link's proof shows its checkpoint extends the previous one.
    private static func proves(_ link: WitnessDirectory.Link) -> Bool {
        let proof = link.proof.compactMap(Hex.decode)
        guard proof.count == link.proof.count, let root1 = Hex.decode(link.previousRoot), let root2 = Hex.decode(link.root) else { return false }
        return MerkleTree.verifyConsistency(size1: link.previousSize, size2: link.size, proof: proof, root1: root1, root2: root2)
    }

    private static func forked(_ name: String, _ size: UInt64) -> WardenError {
        .conflict("\(name): its checkpoint of \(size) entries is not part of the history this server witnessed "
                  + "(rolled back, forked or forged); refused")
    }

    /// A backup newer than the newest witnessed checkpoint: its own tree must extend it.
    func checkAhead(_ log: LogService) async throws {
        guard let checkpoint, let witnessed, checkpoint.size > witnessed.size else { return }
        let proof = try await log.consistencyProof(from: witnessed.size, to: checkpoint.size)
        guard MerkleTree.verifyConsistency(size1: witnessed.size, size2: checkpoint.size, proof: proof,
                                           root1: witnessed.rootHash, root2: checkpoint.rootHash) else {
            throw Self.forked("the backup", checkpoint.size)
        }
    }

    /// Lost entries by kind: what the walked links add up to past the backup's checkpoint,
    /// less what the backup holds past it (`held`).
    func lostKinds(less held: [String: Int]) -> [String: Int] {
        var kinds: [String: Int] = [:]
        for link in walked { kinds.merge(link.tally, uniquingKeysWith: +) }
        kinds.merge(held.mapValues { -$0 }, uniquingKeysWith: +)
        return kinds.filter { $0.value > 0 }
    }
}
