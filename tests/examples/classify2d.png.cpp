// The classify2d pictures (examples/classify2d/): a decision plane rendered for a classifier
// whose answer is known everywhere, the data points on it, the bitmap font, the contact sheet
// layout, and the PNG files: signature, IHDR, every pixel decoded back (stb_image), and an
// unwritable path reported with its name and leaving no file behind.
#include <boost/test/unit_test.hpp>

#include "../../examples/classify2d/png.hpp"
#include "../../examples/classify2d/render.hpp"

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb/stb_image.h>

#include <Eigen/Core>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <unistd.h>  // getpid: a temporary directory of this run's own

using namespace classify2d;

namespace {

// Class 0 left of x = 0; right of it, class 1 above y = 0 and class 2 below.
std::vector<int> quadrants(const Eigen::Matrix<float, 2, Eigen::Dynamic>& points) {
    std::vector<int> out;
    for (Eigen::Index j = 0; j < points.cols(); ++j) out.push_back(points(0, j) < 0 ? 0 : points(1, j) > 0 ? 1 : 2);
    return out;
}

// A 40 x 40 picture of [-1, 1]²: pixels are 0.05 wide; pixel (px, py) has its centre at
// x = -1 + 0.05 (px + 0.5), y = 1 - 0.05 (py + 0.5). One data point, class 2, at (-0.5, -0.5):
// pixel column (−0.5 + 1) / 0.05 = 10, row (1 + 0.5) / 0.05 = 30.
rgb_image tiny_picture() {
    Eigen::Matrix<float, 2, Eigen::Dynamic> points(2, 1);
    points << -0.5f, -0.5f;
    const std::vector<int> labels{2};
    return render_decision(plane_view{40, 1.0}, quadrants, points, labels);
}

std::uint32_t big_endian(const std::vector<std::uint8_t>& b, std::size_t at) {
    return std::uint32_t(b[at]) << 24 | std::uint32_t(b[at + 1]) << 16 | std::uint32_t(b[at + 2]) << 8 | std::uint32_t(b[at + 3]);
}

}  // namespace

BOOST_AUTO_TEST_CASE(plane_is_coloured_by_the_predicted_class) {
    const rgb_image image = tiny_picture();
    BOOST_REQUIRE_EQUAL(image.width(), 40);
    BOOST_REQUIRE_EQUAL(image.height(), 40);
    const rgb class0{255, 204, 204}, class1{204, 238, 204}, class2{204, 214, 255};
    BOOST_TEST((image.at(5, 5) == class0));    // (-0.725, 0.725)
    BOOST_TEST((image.at(5, 35) == class0));   // (-0.725, -0.775)
    BOOST_TEST((image.at(30, 5) == class1));   // (0.525, 0.725)
    BOOST_TEST((image.at(30, 35) == class2));  // (0.525, -0.775)
    BOOST_TEST((image.at(19, 5) == class0));   // x = -0.025: last column left of the boundary
    BOOST_TEST((image.at(20, 5) == class1));   // x = 0.025
    BOOST_TEST((image.at(30, 19) == class1));  // y = 0.025
    BOOST_TEST((image.at(30, 20) == class2));  // y = -0.025
}

BOOST_AUTO_TEST_CASE(data_points_are_discs_with_an_outline) {
    const rgb_image image = tiny_picture();
    const rgb strong2{40, 80, 220}, outline{30, 30, 30}, class0{255, 204, 204};
    BOOST_TEST((image.at(10, 30) == strong2));  // the centre
    BOOST_TEST((image.at(14, 30) == strong2));  // radius 4 is inside the dot
    BOOST_TEST((image.at(15, 30) == outline));  // radius 5 is the outline
    BOOST_TEST((image.at(10, 25) == outline));
    BOOST_TEST((image.at(16, 30) == class0));   // radius 6 is the plane again
    BOOST_TEST((image.at(14, 34) == class0));   // 4² + 4² = 32 > 25: outside the disc
}

BOOST_AUTO_TEST_CASE(text_and_contact_sheet_layout) {
    rgb_image text(12, 7);
    const rgb black{0, 0, 0}, white{255, 255, 255};
    draw_text(text, 0, 0, "1", black, 1);
    // '1': rows ..#.. / .##.. / ..#.. x4 / .###.
    BOOST_TEST((text.at(2, 0) == black));
    BOOST_TEST((text.at(1, 0) == white));
    BOOST_TEST((text.at(1, 1) == black));
    BOOST_TEST((text.at(3, 6) == black));
    BOOST_TEST((text.at(4, 6) == white));
    BOOST_TEST(text_width("abc", 2) == 36);

    const rgb red{255, 0, 0}, blue{0, 0, 255};
    const std::vector<rgb_image> tiles{rgb_image(10, 10, red), rgb_image(10, 10, blue), rgb_image(10, 10, red)};
    const rgb_image sheet = contact_sheet(tiles, {}, 2);
    // gap 12, caption 26: 2 columns of 10 -> 12 + 2 * 22 = 56 wide; 2 rows -> 12 + 2 * 48 = 108 high.
    BOOST_REQUIRE_EQUAL(sheet.width(), 56);
    BOOST_REQUIRE_EQUAL(sheet.height(), 108);
    BOOST_TEST((sheet.at(12, 38) == red));     // tile 0: x 12..21, y 38..47
    BOOST_TEST((sheet.at(21, 47) == red));
    BOOST_TEST((sheet.at(22, 47) == white));
    BOOST_TEST((sheet.at(34, 38) == blue));    // tile 1 starts at x = 12 + 22
    BOOST_TEST((sheet.at(12, 86) == red));     // tile 2: second row, y = 12 + 48 + 26
    BOOST_TEST((sheet.at(34, 86) == white));   // no fourth tile
}

BOOST_AUTO_TEST_CASE(png_file_is_valid_and_decodes_to_the_same_pixels) {
    const rgb_image image = tiny_picture();
    const auto dir = std::filesystem::temp_directory_path() / ("exprnet-classify2d-png-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    const auto path = dir / "tiny.png";
    write_png(path, image);
    BOOST_TEST(!std::filesystem::exists(dir / "tiny.png.partial"));

    std::ifstream in(path, std::ios::binary);
    const std::vector<std::uint8_t> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    BOOST_REQUIRE_GE(bytes.size(), 33u);
    const std::uint8_t signature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    for (std::size_t i = 0; i < 8; ++i) BOOST_TEST(bytes[i] == signature[i]);
    BOOST_TEST(big_endian(bytes, 8) == 13u);  // IHDR is the first chunk, 13 bytes long
    BOOST_TEST(std::string(bytes.begin() + 12, bytes.begin() + 16) == "IHDR");
    BOOST_TEST(big_endian(bytes, 16) == 40u);  // width
    BOOST_TEST(big_endian(bytes, 20) == 40u);  // height
    BOOST_TEST(bytes[24] == 8);                // bits per channel
    BOOST_TEST(bytes[25] == 2);                // colour type 2: RGB

    int w = 0, h = 0, channels = 0;
    unsigned char* decoded = stbi_load_from_memory(bytes.data(), int(bytes.size()), &w, &h, &channels, 3);
    BOOST_REQUIRE(decoded != nullptr);
    BOOST_TEST(w == 40);
    BOOST_TEST(h == 40);
    int differing = 0;
    for (int y = 0; y < 40; ++y)
        for (int x = 0; x < 40; ++x) {
            const unsigned char* p = decoded + 3 * (y * 40 + x);
            differing += !(rgb{p[0], p[1], p[2]} == image.at(x, y));
        }
    stbi_image_free(decoded);
    BOOST_TEST(differing == 0);
    std::filesystem::remove_all(dir);
}

BOOST_AUTO_TEST_CASE(unwritable_path_is_reported_and_leaves_nothing) {
    const auto dir = std::filesystem::temp_directory_path() / ("exprnet-classify2d-missing-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const auto path = dir / "picture.png";  // its directory does not exist
    try {
        write_png(path, rgb_image(4, 4));
        BOOST_FAIL("write_png into a missing directory did not throw");
    } catch (const std::runtime_error& e) {
        const std::string message = e.what();
        BOOST_TEST_MESSAGE(message);
        BOOST_TEST(message.find(path.string()) != std::string::npos);
        BOOST_TEST(message.find("No such file or directory") != std::string::npos);
    }
    BOOST_TEST(!std::filesystem::exists(path));
    BOOST_TEST(!std::filesystem::exists(dir));
}
