// PNG maps (`map.image`): libpng through PNGImage.read, then the colour legend.
import Foundation
import FuzzDriver
import NanoCityIO
import NanoCityModel

let pngPath = NSTemporaryDirectory() + "/nanocity-fuzz-map-\(getpid()).png"
runFuzzer { bytes in
    _ = FileManager.default.createFile(atPath: pngPath, contents: Data(bytes))
    if let image = try? PNGImage.read(path: pngPath, maxPixels: 1 << 20) {
        _ = try? CityMap(rgb: image.pixels, width: image.width, height: image.height)
    }
}
