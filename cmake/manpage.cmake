# cmake -DANYMIG=<binary> -DHELP2MAN=<help2man> -DOUT=<anymig.1> -P manpage.cmake
# help2man renders `anymig --help`; each subcommand's --help (the subcommands are read from the
# top-level help, so a new one appears without editing this file) goes in a SUBCOMMANDS section.
execute_process(COMMAND ${ANYMIG} --help OUTPUT_VARIABLE top RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${ANYMIG} --help failed (${rc})")
endif()
string(REGEX REPLACE ".*\n[Ss]ubcommands:\n" "" listing "${top}")
string(REGEX MATCHALL "(^|\n)  [a-z][a-z-]*" names "${listing}")
set(include "[SUBCOMMANDS]\n")
foreach(name ${names})
  string(STRIP "${name}" name)
  execute_process(COMMAND ${ANYMIG} ${name} --help OUTPUT_VARIABLE help RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${ANYMIG} ${name} --help failed (${rc})")
  endif()
  string(REPLACE "\\" "\\e" help "${help}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" help "${help}")
  string(APPEND include ".SS \"anymig ${name}\"\n.nf\n${help}.fi\n")
endforeach()
get_filename_component(dir ${OUT} DIRECTORY)
file(WRITE ${dir}/anymig-man-include.txt "${include}")
execute_process(COMMAND ${HELP2MAN} --no-info --no-discard-stderr --section 1 --name
                        "migrate a codebase from one async/concurrency backend to another"
                        --include ${dir}/anymig-man-include.txt --output ${OUT} ${ANYMIG}
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "help2man failed (${rc})")
endif()
