// Saving is atomic (io/detail/file.hpp): a save that fails (a missing directory, a target that
// is a directory, a write cut short by the file-size limit) throws, names the file, leaves any
// existing file byte for byte as it was, and leaves no temporary file behind; a save killed with
// SIGKILL leaves the previous file or the new one, whole, and at most a temporary file that the
// next save removes.
#include <boost/test/unit_test.hpp>

#include <exprnet/exprnet.hpp>
#include <exprnet/io/cpp_header.hpp>
#include <exprnet/io/npz.hpp>

#include "support/io_files.hpp"

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <fstream>
#include <memory>
#include <string>

using namespace exprnet;

namespace {
constexpr auto x = input<"x", 30>;
constexpr auto W1 = param<"W1", 20, 30>;
constexpr auto b1 = param<"b1", 20>;
constexpr auto net = relu(W1 * x + b1);
using arena_t = params_for<decltype(net)>;

template <class Save>
std::string save_error(Save&& save) {
    try {
        save();
    } catch (const io::error& e) {
        BOOST_TEST_MESSAGE(e.what());
        return e.what();
    }
    return "(no error)";
}

bool has(const std::string& message, const std::string& part) { return message.find(part) != std::string::npos; }
}  // namespace

BOOST_AUTO_TEST_CASE(a_missing_directory) {
    io_files::temp_dir dir("npz-atomic");
    arena_t p;
    const auto target = dir / "no" / "such" / "w.npz";
    const std::string m = save_error([&] { io::save_npz(target, p); });
    BOOST_TEST(has(m, target.string() + ": cannot create the temporary file"), m);
    BOOST_TEST(io_files::listing(dir.path()).empty());
}

BOOST_AUTO_TEST_CASE(a_target_that_is_a_directory) {
    io_files::temp_dir dir("npz-atomic");
    std::filesystem::create_directory(dir / "w.npz");
    arena_t p;
    const std::string m = save_error([&] { io::save_npz(dir / "w.npz", p); });
    BOOST_TEST(has(m, (dir / "w.npz").string() + ": cannot rename the temporary file over it"), m);
    BOOST_TEST(std::filesystem::is_directory(dir / "w.npz"));
    BOOST_TEST(io_files::listing(dir.path()) == std::set<std::string>{"w.npz"});  // the temporary file is gone
}

BOOST_AUTO_TEST_CASE(a_write_cut_short_leaves_the_previous_file_intact) {
    io_files::temp_dir dir("npz-atomic");
    auto old_arena = std::make_unique<arena_t>();
    old_arena->flat().setConstant(1);
    io::save_npz(dir / "w.npz", *old_arena);
    io::write_cpp_header(dir / "w.hpp", *old_arena, "weights");
    const auto old_npz = io_files::read_bytes(dir / "w.npz");
    const auto old_hpp = io_files::read_bytes(dir / "w.hpp");
    BOOST_REQUIRE(old_npz.size() > 2000 && old_hpp.size() > 2000);

    // Files may grow to 1000 bytes only: write() fails with EFBIG part way (SIGXFSZ ignored).
    auto new_arena = std::make_unique<arena_t>();
    new_arena->flat().setConstant(2);
    ::rlimit saved{};
    BOOST_REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
    const auto previous_handler = std::signal(SIGXFSZ, SIG_IGN);
    ::rlimit limited = saved;
    limited.rlim_cur = 1000;
    BOOST_REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    const std::string npz_error = save_error([&] { io::save_npz(dir / "w.npz", *new_arena); });
    const std::string hpp_error = save_error([&] { io::write_cpp_header(dir / "w.hpp", *new_arena, "weights"); });
    ::setrlimit(RLIMIT_FSIZE, &saved);
    std::signal(SIGXFSZ, previous_handler);

    BOOST_TEST(has(npz_error, (dir / "w.npz").string() + ": write failed"), npz_error);
    BOOST_TEST(has(npz_error, "the previous file, if any, is unchanged"), npz_error);
    BOOST_TEST(has(hpp_error, (dir / "w.hpp").string() + ": write failed"), hpp_error);
    BOOST_TEST((io_files::read_bytes(dir / "w.npz") == old_npz));
    BOOST_TEST((io_files::read_bytes(dir / "w.hpp") == old_hpp));
    BOOST_TEST((io_files::listing(dir.path()) == std::set<std::string>{"w.hpp", "w.npz"}));

    arena_t check;
    io::load_npz(dir / "w.npz", check);
    BOOST_TEST((check[W1].array() == 1).all());
    BOOST_TEST((check[b1].array() == 1).all());
}

namespace {
constexpr auto big = param<"W", 1024, 1024> * input<"x", 1024>;  // 4 MiB of weights: a save takes a while
using big_arena = params_for<decltype(big)>;

/// A process that has exited and been reaped: its pid names no process (until reused).
::pid_t a_dead_pid() {
    const ::pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
}
}  // namespace

BOOST_AUTO_TEST_CASE(a_save_killed_with_sigkill_leaves_no_litter_after_the_next_save) {
    io_files::temp_dir dir("npz-killed");
    const auto target = dir / "w.npz";
    auto ones = std::make_unique<big_arena>();
    ones->flat().setConstant(1);
    io::save_npz(target, *ones);

    int littered = 0;
    constexpr int trials = 20;
    for (int trial = 0; trial < trials; ++trial) {
        const ::pid_t saver = ::fork();
        BOOST_REQUIRE(saver >= 0);
        if (saver == 0) {  // saves twos until killed; never returns into the test framework
            auto twos = std::make_unique<big_arena>();
            twos->flat().setConstant(2);
            try {
                for (;;) io::save_npz(target, *twos);
            } catch (...) {
                ::_exit(1);
            }
        }
        ::usleep(::useconds_t(1000 + 4000 * trial));  // kill at a different point of a save each trial
        ::kill(saver, SIGKILL);
        int status = 0;
        ::waitpid(saver, &status, 0);
        BOOST_TEST((WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL), "the saver ended otherwise, status " << status);

        // The target is whole: all ones (the previous file) or all twos (a save that finished).
        auto loaded = std::make_unique<big_arena>();
        io::load_npz(target, *loaded);
        const float v = loaded->flat()(0);
        BOOST_TEST(((v == 1 || v == 2) && (loaded->flat().array() == v).all()), "trial " << trial);
        const std::set<std::string> after_kill = io_files::listing(dir.path());
        const std::string temp = "w.npz.tmp-" + std::to_string(saver);
        BOOST_TEST((after_kill == std::set<std::string>{"w.npz"} || after_kill == std::set<std::string>{"w.npz", temp}));
        littered += after_kill.count(temp) ? 1 : 0;

        io::save_npz(target, *ones);  // the next save removes the dead saver's temporary file
        BOOST_TEST((io_files::listing(dir.path()) == std::set<std::string>{"w.npz"}), "trial " << trial);
    }
    BOOST_TEST_MESSAGE(littered << " of " << trials << " kills left a temporary file; the next save removed each");
}

// The cleanup removes only temporary files of this target whose process is gone: not a live
// process's (a save in progress), not another target's, not a name that merely looks similar.
BOOST_AUTO_TEST_CASE(only_dead_processes_temporaries_of_the_same_target_are_removed) {
    io_files::temp_dir dir("npz-stale");
    const std::string dead = "w.npz.tmp-" + std::to_string(a_dead_pid());
    const std::string live = "w.npz.tmp-" + std::to_string(::getppid());
    const std::set<std::string> kept = {live, "v.npz.tmp-" + std::to_string(a_dead_pid()), "w.npz.tmp-x1", "w.npz.tmp-"};
    for (const std::string& name : kept) std::ofstream(dir / name) << "partial";
    std::ofstream(dir / dead) << "partial";
    arena_t p;
    io::save_npz(dir / "w.npz", p);
    std::set<std::string> expected = kept;
    expected.insert("w.npz");
    BOOST_TEST((io_files::listing(dir.path()) == expected));
}
