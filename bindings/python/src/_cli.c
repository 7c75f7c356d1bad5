/* SPDX-License-Identifier: MIT */
/* sipmethods._cli: the C command line (cli/) run in this process, for `python -m sipmethods`,
 * so that it is the same program with the same output as the installed `sipmethods`. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include "cli.h"

/* main(argv: list[bytes]) -> int: runs the command line with argv (argv[0] the program name).
 * Limited API only, so it builds into the abi3 wheel too. */
static PyObject *cli_main(PyObject *module, PyObject *arg)
{
    PyObject *args;
    char **argv;
    Py_ssize_t n, i;
    int rc;
    (void)module;
    if (!PyList_Check(arg) && !PyTuple_Check(arg)) {
        PyErr_SetString(PyExc_TypeError, "argv must be a list or tuple of bytes");
        return NULL;
    }
    args = PySequence_Tuple(arg); /* a list could change while the GIL is released */
    if (args == NULL)
        return NULL;
    n = PyTuple_Size(args);
    if (n < 1 || n > INT_MAX - 1) {
        Py_DECREF(args);
        return PyErr_Format(PyExc_ValueError, "argv must hold 1 to %d items", INT_MAX - 1);
    }
    argv = PyMem_Calloc((size_t)n + 1, sizeof *argv);
    if (argv == NULL) {
        Py_DECREF(args);
        return PyErr_NoMemory();
    }
    for (i = 0; i < n; i++) {
        PyObject *item = PyTuple_GetItem(args, i); /* borrowed; args holds it */
        char *s = NULL;
        Py_ssize_t len = 0;
        if (!PyBytes_Check(item) || PyBytes_AsStringAndSize(item, &s, &len) < 0 ||
            (size_t)len != strlen(s)) {
            PyErr_Clear();
            PyMem_Free(argv);
            Py_DECREF(args);
            return PyErr_Format(PyExc_TypeError, "argv[%zd] must be bytes without NUL", i);
        }
        argv[i] = s;
    }
    Py_BEGIN_ALLOW_THREADS
    rc = sipmethods_cli((int)n, argv);
    fflush(stdout);
    fflush(stderr);
    Py_END_ALLOW_THREADS
    PyMem_Free(argv);
    Py_DECREF(args);
    return PyLong_FromLong(rc);
}

static PyMethodDef cli_methods[] = {
    {"main", cli_main, METH_O, "main(argv: list[bytes]) -> int: run the sipmethods command line."},
    {NULL, NULL, 0, NULL},
};

static PyModuleDef_Slot cli_slots[] = {
#ifdef Py_mod_multiple_interpreters
    {Py_mod_multiple_interpreters, Py_MOD_PER_INTERPRETER_GIL_SUPPORTED},
#endif
#ifdef Py_mod_gil
    {Py_mod_gil, Py_MOD_GIL_NOT_USED},
#endif
    {0, NULL},
};

static struct PyModuleDef cli_module = {
    PyModuleDef_HEAD_INIT,
    .m_name = "sipmethods._cli",
    .m_doc = "The sipmethods command line, run in this process.",
    .m_size = 0,
    .m_methods = cli_methods,
    .m_slots = cli_slots,
};

PyMODINIT_FUNC PyInit__cli(void)
{
    return PyModuleDef_Init(&cli_module);
}
