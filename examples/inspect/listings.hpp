// The inspect example's pieces: each network's printed programs, by name (one translation unit
// per network keeps each one's compile time small).
#pragma once

#include <string>
#include <vector>

struct listing {
    std::string name;  // also its file name under docs/listings/
    std::string text;
};

std::vector<listing> two_layer_listings();
std::vector<listing> three_layer_listings();
std::vector<listing> maxout_listings();
std::vector<listing> branch_listings();
