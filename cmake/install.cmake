# `cmake --install` and the CPack .deb packages. Two components:
#   python -> package `anymig`:     the binary (the Python path), its man page and docs;
#   cpp    -> package `anymig-cpp`: the C/C++ front-end module the binary loads on demand and
#                                   the clang-tidy plugin (both need the LLVM 19 runtime).
# The module goes to lib/anymig, where the binary looks for it (ANYMIG_CPP_MODULE_DIR).
install(TARGETS anymig RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT python)
install(FILES ${CMAKE_SOURCE_DIR}/README.md ${CMAKE_SOURCE_DIR}/docs/cli.md
        DESTINATION ${CMAKE_INSTALL_DOCDIR} COMPONENT python)
if(ANYMIG_HAVE_CLANG)
  install(TARGETS anymig-cpp anymig-tidy LIBRARY DESTINATION ${ANYMIG_MODULE_INSTALL_DIR} COMPONENT cpp)
endif()

# The man page, generated from --help (the top level and every subcommand) by help2man.
# CLI11 (2.1) has no shell-completion generator, so no completions are installed.
find_program(ANYMIG_HELP2MAN help2man)
if(ANYMIG_HELP2MAN)
  add_custom_command(OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/anymig.1
    COMMAND ${CMAKE_COMMAND} -DANYMIG=$<TARGET_FILE:anymig> -DHELP2MAN=${ANYMIG_HELP2MAN}
            -DOUT=${CMAKE_CURRENT_BINARY_DIR}/anymig.1 -P ${CMAKE_SOURCE_DIR}/cmake/manpage.cmake
    DEPENDS anymig ${CMAKE_SOURCE_DIR}/cmake/manpage.cmake
    COMMENT "Generating the anymig(1) man page from --help")
  add_custom_target(anymig-man ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/anymig.1)
  install(FILES ${CMAKE_CURRENT_BINARY_DIR}/anymig.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 COMPONENT python)
else()
  message(STATUS "anymig: help2man not found: no man page (apt-get install help2man)")
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME anymig)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "anymig maintainers <anymig@invalid>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "Migrate code from one async/concurrency backend to another")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL python)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
# Depends computed by dpkg-shlibdeps from what each file links.
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PYTHON_PACKAGE_NAME anymig)
set(CPACK_COMPONENT_PYTHON_DESCRIPTION
    "anymig: asyncio -> anyio migrations (the Python path; no LLVM)\n The anymig command: check, migrate, plan, status, report.")
if(ANYMIG_HAVE_CLANG)
  list(APPEND CPACK_COMPONENTS_ALL cpp)
  set(CPACK_DEBIAN_CPP_PACKAGE_NAME anymig-cpp)
  set(CPACK_COMPONENT_CPP_DEPENDS python)  # anymig (= the same version): the module runs inside it
  set(CPACK_DEBIAN_ENABLE_COMPONENT_DEPENDS ON)
  # Clang's builtin headers (the resource directory the front end parses with).
  set(CPACK_DEBIAN_CPP_PACKAGE_DEPENDS "libclang-common-19-dev")
  set(CPACK_DEBIAN_CPP_PACKAGE_RECOMMENDS "clang-tidy-19")
  set(CPACK_COMPONENT_CPP_DESCRIPTION
      "anymig: Boost.Thread -> std migrations on Clang 19\n The C/C++ front end anymig loads for runs with C/C++ files, and the clang-tidy-19 plugin\n (clang-tidy-19 --load=/usr/lib/anymig/libanymig-tidy.so -checks='-*,anymig-*').")
endif()
include(CPack)
