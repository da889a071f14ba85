#include <exprnet/exprnet.hpp>

#include <cstdio>

int main()
{
    std::printf("exprnet %d.%d.%d\n", EXPRNET_VERSION_MAJOR, EXPRNET_VERSION_MINOR,
                EXPRNET_VERSION_PATCH);
}
