// folio's entry point: parses the command line and hands over to the batch runner.
#include "cli/app.hpp"

int main(int argc, char** argv) { return folio::cli::run(argc, argv); }
