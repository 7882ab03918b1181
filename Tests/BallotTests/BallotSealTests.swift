import Foundation
import Testing
import WardenCore

/// Sealed rankings and the trustees' key: any two trustees open the key and nobody alone; a
/// ranking opens only for its own ballot and unchanged; every sealed ranking has one size.
struct BallotSealTests {
    @Test func anyTwoTrusteesOpenTheKeyAndOneAloneCannot() throws {
        var random = SeededGenerator(seed: 7)
        let (publicKey, shares) = try BallotSeal.newKey(using: &random)
        #expect(shares.count == 3)
        let sealed = try BallotSeal.seal([3, 1], candidates: 4, ballot: "ballot-1", to: publicKey)
        for pair in [[0, 1], [0, 2], [1, 2]] {
            let key = try BallotSeal.openKey(pair.map { shares[$0] }, publicKey: publicKey)
            #expect(try BallotSeal.open(sealed, candidates: 4, ballot: "ballot-1", with: key) == [3, 1], "\(pair)")
        }
        for share in shares {
            #expect(throws: WardenError.self) { _ = try BallotSeal.openKey([share], publicKey: publicKey) }
        }
        var forged = shares[1]
        forged.y[0] ^= 1
        #expect(throws: WardenError.self) { _ = try BallotSeal.openKey([shares[0], forged], publicKey: publicKey) }
    }

    @Test func aRankingOpensOnlyForItsOwnBallotAndUnchanged() throws {
        var random = SeededGenerator(seed: 8)
        let (publicKey, shares) = try BallotSeal.newKey(using: &random)
        let key = try BallotSeal.openKey(Array(shares.prefix(2)), publicKey: publicKey)
        let sealed = try BallotSeal.seal([2], candidates: 5, ballot: "ballot-1", to: publicKey)
        #expect(throws: (any Error).self) { _ = try BallotSeal.open(sealed, candidates: 5, ballot: "ballot-2", with: key) }
        var changed = sealed
        changed.ciphertext[0] ^= 1
        #expect(throws: (any Error).self) { _ = try BallotSeal.open(changed, candidates: 5, ballot: "ballot-1", with: key) }
        #expect(changed.tracker != sealed.tracker && sealed.tracker.count == 64)
        let other = try BallotSeal.seal([2], candidates: 5, ballot: "ballot-1", to: publicKey)
        #expect(other.tracker != sealed.tracker, "two identical rankings are two ballots, with two trackers")
    }

    @Test func everySealedRankingHasOneSizeAndABadRankingIsRefused() throws {
        var random = SeededGenerator(seed: 9)
        let (publicKey, _) = try BallotSeal.newKey(using: &random)
        let sizes = Set(try [[1], [1, 2, 3, 4, 5, 6], [6, 5, 4], []].map {
            try BallotSeal.seal($0, candidates: 6, ballot: "b", to: publicKey).ciphertext.count
        })
        #expect(sizes.count == 1)
        for bad in [[7], [1, 1], [0]] {
            #expect(throws: WardenError.self) { _ = try BallotSeal.seal(bad, candidates: 6, ballot: "b", to: publicKey) }
        }
    }
}
