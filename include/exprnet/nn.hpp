/// @file
/// Everything for training a network written with exprnet: initialisers, optimizers,
/// learning-rate schedules, mini-batches and accuracy (include/exprnet/nn/).
#pragma once

#include <exprnet/nn/data.hpp>
#include <exprnet/nn/init.hpp>
#include <exprnet/nn/optim.hpp>
#include <exprnet/nn/random.hpp>
#include <exprnet/nn/schedule.hpp>
