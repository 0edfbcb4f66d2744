// Removed once the testing library has real sources.
namespace jwtcheck::testing_detail { int placeholder = 0; }
