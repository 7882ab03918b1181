/// This build of Warden, as backups' manifests and `warden --version` name it.
public enum WardenRelease {
    public static let version = "0.2.0"
}
