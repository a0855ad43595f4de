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

# libidn2 converts hosts beyond ASCII to their IDNA form; it is opened with dlopen on first need
# (src/base/url.cpp), so only its header is needed here.
find_path(FOLIO_IDN2_INCLUDE idn2.h)
if(NOT FOLIO_IDN2_INCLUDE)
  message(FATAL_ERROR "folio needs idn2.h: apt-get install libidn2-dev (or run scripts/setup)")
endif()

folio_require_lib(folio::hpdf hpdf.h hpdf libhpdf-dev)
folio_require_lib(folio::hyphen hyphen.h hyphen libhyphen-dev)
folio_require_lib(folio::cld2 cld2/public/compact_lang_det.h cld2 libcld2-dev)
folio_require_lib(folio::cmark_gfm_extensions cmark-gfm-core-extensions.h cmark-gfm-extensions
                  libcmark-gfm-extensions-dev)

# Archives instead of shared objects where Debian ships them. The dynamic loader's symbol lookups,
# relocations and page faults for 39 shared objects were about 4 ms of the 15 ms a one-article
# run takes (`LD_DEBUG=statistics`, perf). Libraries that a shared dependency loads anyway stay
# shared so that none is present twice: zlib, libpng and libbz2 (libharu, libzip), libcrypto
# (libzip), libstdc++ (libcld2). An archive that is missing leaves its library shared. Sanitizer
# and fuzzing builds keep every library shared: their leak suppressions name the shared objects.
if(FOLIO_SANITIZE OR FOLIO_BUILD_FUZZ)
  set(folio_static_default OFF)
else()
  set(folio_static_default ON)
endif()
option(FOLIO_STATIC_DEPS "Link the dependencies Debian ships as archives (.a) statically" ${folio_static_default})
function(folio_use_archives target)
  if(NOT FOLIO_STATIC_DEPS)
    return()
  endif()
  cmake_parse_arguments(arg "" "" "ARCHIVES;SHARED" ${ARGN})
  set(paths)
  foreach(name ${arg_ARCHIVES})
    find_library(FOLIO_ARCHIVE_${name} NAMES lib${name}.a)
    if(NOT FOLIO_ARCHIVE_${name})
      message(STATUS "lib${name}.a not found: ${target} is linked as a shared library")
      return()
    endif()
    list(APPEND paths ${FOLIO_ARCHIVE_${name}})
  endforeach()
  get_target_property(type ${target} TYPE)
  if(type STREQUAL "INTERFACE_LIBRARY")
    set_property(TARGET ${target} PROPERTY INTERFACE_LINK_LIBRARIES ${paths} ${arg_SHARED})
  else()
    list(POP_FRONT paths first)
    set_target_properties(${target} PROPERTIES IMPORTED_LOCATION ${first}
                          INTERFACE_LINK_LIBRARIES "${paths};${arg_SHARED}")
  endif()
endfunction()

# Dependencies of an archive follow it: the linker reads archives once, left to right.
set(folio_fontconfig_archives fontconfig freetype brotlidec brotlicommon expat)
folio_use_archives(PkgConfig::FONTCONFIG ARCHIVES ${folio_fontconfig_archives} SHARED png16 z m)
folio_use_archives(PkgConfig::CAIRO ARCHIVES cairo pixman-1 ${folio_fontconfig_archives}
                   SHARED png16 z m Threads::Threads)
folio_use_archives(PkgConfig::CMARK_GFM ARCHIVES cmark-gfm-extensions cmark-gfm)
folio_use_archives(folio::cmark_gfm_extensions ARCHIVES cmark-gfm-extensions cmark-gfm)
folio_use_archives(folio::hyphen ARCHIVES hyphen)
folio_use_archives(PkgConfig::UCHARDET ARCHIVES uchardet)
folio_use_archives(PkgConfig::GUMBO ARCHIVES gumbo)
folio_use_archives(PkgConfig::LIBDEFLATE ARCHIVES deflate)
set(FOLIO_PUGIXML pugixml::pugixml)
set(FOLIO_YAML_CPP yaml-cpp)
if(FOLIO_STATIC_DEPS AND TARGET pugixml::static)
  set(FOLIO_PUGIXML pugixml::static)
endif()
find_library(FOLIO_ARCHIVE_yaml-cpp NAMES libyaml-cpp.a)
if(FOLIO_STATIC_DEPS AND FOLIO_ARCHIVE_yaml-cpp)
  add_library(folio::yaml_cpp STATIC IMPORTED GLOBAL)
  set_target_properties(folio::yaml_cpp PROPERTIES IMPORTED_LOCATION ${FOLIO_ARCHIVE_yaml-cpp}
    INTERFACE_INCLUDE_DIRECTORIES "$<TARGET_PROPERTY:yaml-cpp,INTERFACE_INCLUDE_DIRECTORIES>")
  set(FOLIO_YAML_CPP folio::yaml_cpp)
endif()
