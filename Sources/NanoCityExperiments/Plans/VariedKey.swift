import NanoCityIO
import NanoCityModel

/// The model parameter a sweep axis, a design column or an arm names. Frame settings are
/// world-file keys too, but they change only how frames look, so varying them is refused
/// with a message that says so (rather than "unknown key").
enum VariedKey {
    static func lookup(_ key: String) -> Result<ParameterSpec, ParameterError> {
        if FrameSettings.spec(for: key) != nil {
            return .failure(.inconsistent(key: key, message: "is a frame setting (how frames are drawn, not the model): "
                + "set it with --set or in the world file; sweeps, designs and arms vary model parameters"))
        }
        return ParameterCatalog.lookup(key)
    }
}
