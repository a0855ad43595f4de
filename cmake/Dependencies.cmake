# Finds every Debian 12 package folio builds against; a missing one stops configure with the
# name of the package to install (scripts/setup installs them all).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

macro(folio_require_pkg var module debian)
  pkg_check_modules(${var} QUIET IMPORTED_TARGET ${module})
  if(NOT ${var}_FOUND)
    message(FATAL_ERROR "folio needs ${module}: apt-get install ${debian} (or run scripts/setup)")
  endif()
endmacro()

# libzip's CMake config is broken on Debian 12, so pkg-config it is.
folio_require_pkg(LIBZIP libzip libzip-dev)
folio_require_pkg(CMARK_GFM libcmark-gfm libcmark-gfm-dev)
folio_require_pkg(UNIBREAK libunibreak libunibreak-dev)
folio_require_pkg(FONTCONFIG fontconfig libfontconfig-dev)
folio_require_pkg(UCHARDET uchardet libuchardet-dev)
folio_require_pkg(GUMBO gumbo libgumbo-dev)
# The EPUB cover is drawn with cairo; cairo-ft opens the style's font files found by fontconfig.
folio_require_pkg(CAIRO cairo-ft libcairo2-dev)
# The cover PNG is deflated directly (faster than libpng's writer for a mostly blank picture).
folio_require_pkg(ZLIB zlib zlib1g-dev)
# The PDF page contents are compressed with libdeflate: zlib took a fifth of a long document's time.
folio_require_pkg(LIBDEFLATE libdeflate libdeflate-dev)

find_package(pugixml QUIET)
if(NOT pugixml_FOUND)
  message(FATAL_ERROR "folio needs pugixml: apt-get install libpugixml-dev")
endif()
find_package(yaml-cpp QUIET)
if(NOT yaml-cpp_FOUND)
  message(FATAL_ERROR "folio needs yaml-cpp: apt-get install libyaml-cpp-dev")
endif()
find_package(CLI11 QUIET)
if(NOT CLI11_FOUND)
  message(FATAL_ERROR "folio needs CLI11: apt-get install libcli11-dev")
endif()
find_package(OpenSSL QUIET COMPONENTS Crypto)
if(NOT OpenSSL_FOUND)
  message(FATAL_ERROR "folio needs OpenSSL's libcrypto (SHA-256): apt-get install libssl-dev")
endif()

# Libraries that ship no pkg-config or CMake file in Debian: header + library → IMPORTED target.
function(folio_require_lib target header lib debian)
  string(MAKE_C_IDENTIFIER "${target}" id)
  find_path(${id}_INCLUDE ${header})
  find_library(${id}_LIBRARY ${lib})
  if(NOT ${id}_INCLUDE OR NOT ${id}_LIBRARY)
    message(FATAL_ERROR "folio needs ${header} / lib${lib}: apt-get install ${debian} (or run scripts/setup)")
  endif()
  add_library(${target} UNKNOWN IMPORTED GLOBAL)
  set_target_properties(${target} PROPERTIES
    IMPORTED_LOCATION "${${id}_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${${id}_INCLUDE}")
endfunction()

folio_require_lib(folio::hpdf hpdf.h hpdf libhpdf-dev)
folio_require_lib(folio::hyphen hyphen.h hyphen libhyphen-dev)
folio_require_lib(folio::cld2 cld2/public/compact_lang_det.h cld2 libcld2-dev)
folio_require_lib(folio::cmark_gfm_extensions cmark-gfm-core-extensions.h cmark-gfm-extensions
                  libcmark-gfm-extensions-dev)
